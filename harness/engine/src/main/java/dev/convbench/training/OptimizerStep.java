package dev.convbench.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One optimizer step as graph ops: the learning rate, computed in the graph from a step counter the checkpoint keeps;
 * the gradients of the objective (loss-scaled for float16); and TensorFlow's own update kernels. Built in two calls,
 * the gradients first, so that what else reads them ({@link LayerDiagnostics}) can be built in between.
 */
final class OptimizerStep {

  private final Ops ops;
  private final List<Variable<TFloat32>> weights;
  private final Variable<TFloat32> globalStep;
  private final Operand<TFloat32> learningRate;
  private final LossScaling lossScaling;
  private final Output<?>[] gradients;

  /**
   * Builds the learning rate and the gradients.
   *
   * @param ops the optimizer's scope: its variables are made here
   * @param stepsPerEpoch what the schedule's epochs are made of
   * @param weights the variables to differentiate and update
   */
  OptimizerStep(Graph graph, Ops ops, TrainingConfig cfg, int stepsPerEpoch, Operand<TFloat32> objective,
      List<Variable<TFloat32>> weights) {
    this.ops = ops;
    this.weights = weights;
    globalStep = ops.withName("global_step").variable(ops.withInitScope().constant(0f));
    learningRate = ops.identity(cfg.schedule().learningRate(ops, cfg.optimizer().learningRate(), globalStep,
        stepsPerEpoch, stepsPerEpoch * cfg.epochs()));
    Output<?>[] xs = new Output<?>[weights.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = weights.get(i).asOutput();
    }
    // float16 needs the loss scaled so that small gradients survive; bfloat16 has fp32's range and does not.
    lossScaling = cfg.precision() == Precision.FP16
        ? new LossScaling(ops.withSubScope("loss_scale"), LossScaling.INITIAL_SCALE, LossScaling.GROWTH_INTERVAL)
        : null;
    gradients = lossScaling == null ? graph.addGradients(objective.asOutput(), xs)
        : lossScaling.unscale(graph.addGradients(lossScaling.scaled(objective).asOutput(), xs));
  }

  /** The objective's gradients, one per weight, unscaled. */
  Output<?>[] gradients() {
    return gradients;
  }

  /** The learning rate the next step will use. */
  Operand<TFloat32> learningRate() {
    return learningRate;
  }

  /**
   * Builds the updates of the weights and returns what a training step runs: the updates, then the step counter
   * (and loss scale) advanced. Call once.
   *
   * @param layerUpdates the network's own per-step updates (batch-norm moving statistics)
   */
  List<Op> applyGradients(Optimizer optimizer, List<Op> layerUpdates) {
    Optimizer.Updates updates = updates(optimizer, lossScaling == null ? gradients : lossScaling.whenFinite(gradients));
    List<Op> applies = updates.applies();
    List<Op> afterApply = new ArrayList<>(layerUpdates);
    List<Op> targets = new ArrayList<>();
    if (lossScaling == null) {
      afterApply.addAll(applies);
    } else {
      afterApply.add(lossScaling.afterUpdates(applies));
      targets.addAll(lossScaling.updates());
    }
    Ops done = ops.withControlDependencies(afterApply);
    targets.add(done.assignAdd(globalStep, done.constant(1f)));
    targets.addAll(updates.afterApplies());
    return targets;
  }

  private Optimizer.Updates updates(Optimizer optimizer, Output<?>[] grads) {
    // The update kernels change the variables in place, while back-propagation still reads them (a layer's input
    // gradient needs its weights). Without this barrier a fast layer's update can race the slower layers' gradient
    // computation and feed them half-updated weights: on a busy machine, SGD with momentum then diverged.
    List<Op> gradientsDone = new ArrayList<>();
    List<Operand<TFloat32>> typed = new ArrayList<>();
    for (Output<?> g : grads) {
      gradientsDone.add(ops.identity(g));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> gradient = (Operand<TFloat32>) g;
      typed.add(gradient);
    }
    return optimizer.updates(ops, ops.withControlDependencies(gradientsDone), weights, typed, learningRate);
  }
}
