package dev.convbench.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Dynamic loss scaling for float16, as graph ops: the loss is multiplied by a scale before differentiation so that
 * small gradients do not flush to zero in fp16, and the gradients are divided by it again in fp32. A step whose
 * gradients are not all finite (the scale was too large) changes no weight and halves the scale; after
 * {@code growthInterval} finite steps in a row the scale doubles. The same policy as Keras's
 * {@code LossScaleOptimizer} (initial 2^15, interval 2000).
 *
 * <p>Skipping uses TensorFlow's dataflow conditionals: the gradients pass through {@code Switch}, so on a non-finite
 * step the update kernels receive dead tensors and do not run, and a {@code Merge} tells what comes after the updates
 * that the step is over either way.
 */
final class LossScaling {

  static final float INITIAL_SCALE = 32768f;
  static final int GROWTH_INTERVAL = 2000;

  private final Ops tf;
  private final int growthInterval;
  private final Variable<TFloat32> scale;
  private final Variable<TInt32> finiteSteps;
  private final Operand<TFloat32> currentScale;
  private Operand<TBool> allFinite;
  private final List<Op> updates = new ArrayList<>();

  LossScaling(Ops tf, float initialScale, int growthInterval) {
    this.tf = tf;
    this.growthInterval = growthInterval;
    Ops init = tf.withInitScope();
    scale = tf.withName("scale").variable(init.constant(initialScale));
    finiteSteps = tf.withName("finite_steps").variable(init.constant(0));
    // One read per step: the forward pass, the unscaling and the update all see the same value.
    currentScale = tf.identity(scale);
  }

  /** The loss to differentiate: {@code loss × scale}. */
  Operand<TFloat32> scaled(Operand<TFloat32> loss) {
    return tf.math.mul(loss, currentScale);
  }

  /**
   * The true gradients, {@code grads / scale}, and the ops that adjust the scale by whether they are all finite.
   * Call once.
   */
  Output<?>[] unscale(Output<?>[] scaledGrads) {
    Operand<TFloat32> inverse = tf.math.reciprocal(currentScale);
    Output<?>[] grads = new Output<?>[scaledGrads.length];
    List<Operand<TBool>> finite = new ArrayList<>();
    for (int i = 0; i < grads.length; i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = tf.math.mul((Operand<TFloat32>) scaledGrads[i], inverse);
      grads[i] = g.asOutput();
      int[] axes = new int[g.shape().numDimensions()];
      for (int a = 0; a < axes.length; a++) {
        axes[a] = a;
      }
      finite.add(tf.reduceAll(tf.math.isFinite(g), tf.constant(axes)));
    }
    allFinite = tf.reduceAll(tf.stack(finite), tf.constant(new int[] {0}));

    Operand<TInt32> next = tf.math.add(finiteSteps, tf.constant(1));
    Operand<TBool> grow = tf.math.logicalAnd(allFinite, tf.math.greaterEqual(next, tf.constant(growthInterval)));
    Operand<TFloat32> newScale = tf.select(allFinite,
        tf.select(grow, tf.math.mul(currentScale, tf.constant(2f)), currentScale),
        tf.math.maximum(tf.math.mul(currentScale, tf.constant(0.5f)), tf.constant(1f)));
    Operand<TInt32> newFiniteSteps = tf.select(grow, tf.constant(0), tf.select(allFinite, next, tf.constant(0)));
    updates.add(tf.assign(scale, newScale));
    updates.add(tf.assign(finiteSteps, newFiniteSteps));
    return grads;
  }

  /** {@code grads} as the update kernels should see them: live only when every gradient is finite. */
  Output<?>[] whenFinite(Output<?>[] grads) {
    Output<?>[] gated = new Output<?>[grads.length];
    for (int i = 0; i < grads.length; i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
      gated[i] = tf.switchCond(g, allFinite).outputTrue().asOutput();
    }
    return gated;
  }

  /**
   * A value that exists on every step once {@code applies} ran or were skipped; ops that must follow the updates
   * depend on it instead of on the (possibly dead) updates themselves.
   */
  Op afterUpdates(List<Op> applies) {
    SwitchCond<TFloat32> branch = tf.switchCond(tf.constant(0f), allFinite);
    Operand<TFloat32> applied = tf.withControlDependencies(applies).identity(branch.outputTrue());
    return tf.merge(List.of(applied, branch.outputFalse()));
  }

  /** The ops that adjust the scale; run them with every step. */
  List<Op> updates() {
    return List.copyOf(updates);
  }

  /** The scale the next step will use. */
  Operand<TFloat32> scale() {
    return scale;
  }

  /** Whether this step's gradients were all finite (so its updates ran). */
  Operand<TBool> allFinite() {
    return allFinite;
  }
}
