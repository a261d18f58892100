package dev.convbench.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * An optimizer with its settings, which builds its own update ops (TensorFlow's update kernels) in a training graph.
 *
 * <p>{@link Stored} is its flat form, every optimizer's fields in one object: experiment defaults merge into it, and
 * results record it ({@link dev.convbench.store.RecordMapping#training}).
 */
public sealed interface Optimizer {

  /** The name in experiment files and results: {@code sgd} or {@code adam}. */
  String type();

  /** The peak learning rate (the schedule scales it). */
  double learningRate();

  Optimizer withLearningRate(double lr);

  /**
   * Builds the ops that apply one step's gradients.
   *
   * @param ops the optimizer's scope: its variables are made here
   * @param afterGradients {@code ops} run only once every gradient is computed
   * @param learningRate this step's learning rate
   */
  Updates updates(Ops ops, Ops afterGradients, List<Variable<TFloat32>> weights, List<Operand<TFloat32>> grads,
      Operand<TFloat32> learningRate);

  /**
   * An optimizer's ops of one step.
   *
   * @param applies the updates of the weights
   * @param afterApplies to run with the step once every update is done (e.g. Adam's bias-correction counters)
   */
  record Updates(List<Op> applies, List<Op> afterApplies) {}

  /** CIFAR-10's usual choice: SGD 0.05 with Nesterov momentum 0.9. */
  static Optimizer defaults() {
    return Sgd.defaults();
  }

  /** The defaults of the optimizer named {@code type}: each has its own usual learning rate. */
  static Optimizer defaults(String type) {
    return switch (type) {
      case Sgd.TYPE -> Sgd.defaults();
      case Adam.TYPE -> Adam.defaults();
      default -> throw new IllegalArgumentException("optimizer must be sgd or adam: " + type);
    };
  }

  /**
   * Stochastic gradient descent with momentum.
   *
   * @param learningRate peak learning rate, positive
   * @param momentum momentum in [0, 1)
   * @param nesterov Nesterov momentum
   */
  record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {

    public static final String TYPE = "sgd";

    public Sgd {
      if (!(learningRate > 0) || momentum < 0 || momentum >= 1) {
        throw new IllegalArgumentException("invalid sgd settings: lr=" + learningRate + ", momentum=" + momentum);
      }
    }

    public static Sgd defaults() {
      return new Sgd(0.05, 0.9, true);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public Sgd withLearningRate(double lr) {
      return new Sgd(lr, momentum, nesterov);
    }

    @Override
    public Updates updates(Ops ops, Ops afterGradients, List<Variable<TFloat32>> weights,
        List<Operand<TFloat32>> grads, Operand<TFloat32> learningRate) {
      Ops init = ops.withInitScope();
      List<Op> applies = new ArrayList<>();
      for (int i = 0; i < weights.size(); i++) {
        Variable<TFloat32> w = weights.get(i);
        Variable<TFloat32> accumulator = ops.variable(init.fill(init.constant(w.shape().asArray()), init.constant(0f)));
        applies.add(afterGradients.train.applyMomentum(w, accumulator, learningRate, grads.get(i),
            afterGradients.constant((float) momentum), ApplyMomentum.useNesterov(nesterov)));
      }
      return new Updates(applies, List.of());
    }
  }

  /**
   * Adam.
   *
   * @param learningRate peak learning rate, positive
   * @param beta1 first-moment decay in [0, 1)
   * @param beta2 second-moment decay in [0, 1)
   * @param epsilon positive
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

    public static final String TYPE = "adam";

    public Adam {
      if (!(learningRate > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(epsilon > 0)) {
        throw new IllegalArgumentException("invalid adam settings: lr=" + learningRate + ", beta1=" + beta1
            + ", beta2=" + beta2 + ", epsilon=" + epsilon);
      }
    }

    /** Adam's usual settings, learning rate 0.001. */
    public static Adam defaults() {
      return new Adam(0.001, 0.9, 0.999, 1e-8);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public Adam withLearningRate(double lr) {
      return new Adam(lr, beta1, beta2, epsilon);
    }

    @Override
    public Updates updates(Ops ops, Ops afterGradients, List<Variable<TFloat32>> weights,
        List<Operand<TFloat32>> grads, Operand<TFloat32> learningRate) {
      Ops init = ops.withInitScope();
      Variable<TFloat32> beta1Power = ops.withName("beta1_power").variable(init.constant((float) beta1));
      Variable<TFloat32> beta2Power = ops.withName("beta2_power").variable(init.constant((float) beta2));
      List<Op> applies = new ArrayList<>();
      for (int i = 0; i < weights.size(); i++) {
        Variable<TFloat32> w = weights.get(i);
        Variable<TFloat32> m = ops.variable(init.fill(init.constant(w.shape().asArray()), init.constant(0f)));
        Variable<TFloat32> v = ops.variable(init.fill(init.constant(w.shape().asArray()), init.constant(0f)));
        applies.add(afterGradients.train.applyAdam(w, m, v, beta1Power, beta2Power, learningRate,
            afterGradients.constant((float) beta1), afterGradients.constant((float) beta2),
            afterGradients.constant((float) epsilon), grads.get(i), ApplyAdam.useLocking(false)));
      }
      // The bias-correction powers advance only once every update is done, so all weights of a step see the same.
      Ops after = afterGradients.withControlDependencies(applies);
      List<Op> powerUpdates = List.of(
          after.assign(beta1Power, after.math.mul(beta1Power, after.constant((float) beta1))),
          after.assign(beta2Power, after.math.mul(beta2Power, after.constant((float) beta2))));
      return new Updates(applies, powerUpdates);
    }
  }

  /** This optimizer in its stored form. */
  default Stored toStored() {
    Sgd sgd = this instanceof Sgd s ? s : Sgd.defaults();
    Adam adam = this instanceof Adam a ? a : Adam.defaults();
    return new Stored(type(), learningRate(), sgd.momentum(), sgd.nesterov(), adam.beta1(), adam.beta2(),
        adam.epsilon());
  }

  /**
   * The stored form: every optimizer's fields, those of other optimizers at their defaults.
   *
   * @param type {@code sgd} or {@code adam}
   */
  record Stored(String type, double learningRate, double momentum, boolean nesterov, double beta1, double beta2,
      double epsilon) {

    /** The optimizer this stands for; the fields of other optimizers are ignored. */
    public Optimizer toOptimizer() {
      return switch (type) {
        case Sgd.TYPE -> new Sgd(learningRate, momentum, nesterov);
        case Adam.TYPE -> new Adam(learningRate, beta1, beta2, epsilon);
        default -> throw new IllegalArgumentException("optimizer must be sgd or adam: " + type);
      };
    }
  }
}
