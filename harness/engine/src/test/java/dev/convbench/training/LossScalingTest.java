package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The loss-scaling arithmetic on a one-variable graph (runs on a CPU; float16 itself needs a GPU): gradients come
 * back unscaled, a non-finite step changes no weight and halves the scale, finite steps in a row double it, and the
 * ops after the update run on every step either way.
 */
class LossScalingTest {

  /** loss = sum(w · x), so dloss/dw = x: the expected update is exact. */
  private static final class OneWeight implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session;
    final Placeholder<TFloat32> x;
    final Variable<TFloat32> w;
    final Variable<TFloat32> stepsDone;
    final LossScaling scaling;
    final List<Op> targets = new java.util.ArrayList<>();
    final Operand<TBool> finite;

    OneWeight(float initialScale, int interval) {
      Ops tf = Ops.create(graph);
      x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
      w = tf.variable(tf.withInitScope().constant(new float[] {1f, 2f}));
      stepsDone = tf.variable(tf.withInitScope().constant(0f));
      scaling = new LossScaling(tf.withSubScope("loss_scale"), initialScale, interval);
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(w, x), tf.constant(0));
      Output<?>[] grads = scaling.unscale(graph.addGradients(scaling.scaled(loss).asOutput(),
          new Output<?>[] {w.asOutput()}));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> gated = (Operand<TFloat32>) scaling.whenFinite(grads)[0];
      Op apply = tf.train.applyGradientDescent(w, tf.constant(0.5f), gated);
      Op after = scaling.afterUpdates(List.of(apply));
      targets.addAll(scaling.updates());
      targets.add(tf.withControlDependencies(List.of(after)).assignAdd(stepsDone, tf.constant(1f)));
      finite = scaling.allFinite();
      session = new Session(graph);
      session.initialize();
    }

    /** One step with input {@code xs}; returns whether its gradients were finite. */
    boolean step(float... xs) {
      try (TFloat32 in = TFloat32.vectorOf(xs)) {
        Session.Runner r = session.runner().feed(x, in).fetch(finite);
        targets.forEach(r::addTarget);
        try (Result result = r.run()) {
          return ((TBool) result.get(0)).getBoolean();
        }
      }
    }

    float[] weights() {
      return floats(w);
    }

    float scale() {
      return floats(scaling.scale())[0];
    }

    float steps() {
      return floats(stepsDone)[0];
    }

    private float[] floats(Operand<TFloat32> v) {
      try (Result r = session.runner().fetch(v).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[(int) t.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = t.rank() == 0 ? t.getFloat() : t.getFloat(i);
        }
        return out;
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @Test
  void aFiniteStepAppliesTheUnscaledGradient() {
    try (OneWeight g = new OneWeight(1024f, 100)) {
      assertTrue(g.step(0.25f, -3f));
      // w - 0.5 · x, not w - 0.5 · 1024 · x
      assertArrayEquals(new float[] {1f - 0.125f, 2f + 1.5f}, g.weights(), 1e-6f);
      assertEquals(1024f, g.scale());
      assertEquals(1f, g.steps());
    }
  }

  @Test
  void aNonFiniteStepChangesNoWeightHalvesTheScaleAndStillCountsAsAStep() {
    try (OneWeight g = new OneWeight(1024f, 100)) {
      assertFalse(g.step(Float.POSITIVE_INFINITY, 1f));
      assertArrayEquals(new float[] {1f, 2f}, g.weights());
      assertEquals(512f, g.scale());
      assertEquals(1f, g.steps());
      assertFalse(g.step(Float.NaN, 1f));
      assertEquals(256f, g.scale());
      assertTrue(g.step(1f, 1f));
      assertArrayEquals(new float[] {0.5f, 1.5f}, g.weights(), 1e-6f);
      assertEquals(3f, g.steps());
    }
  }

  @Test
  void anOverflowingScaleIsHalvedUntilTheGradientsFit() {
    // 3e38 · 4 overflows fp32 itself, as 2^15 · a large loss overflows fp16.
    try (OneWeight g = new OneWeight(3e38f, 100)) {
      assertFalse(g.step(4f, 4f));
      assertEquals(1.5e38f, g.scale());
      assertArrayEquals(new float[] {1f, 2f}, g.weights());
    }
  }

  @Test
  void theScaleDoublesAfterEnoughFiniteStepsInARowAndNeverFallsBelowOne() {
    try (OneWeight g = new OneWeight(4f, 3)) {
      g.step(1f, 1f);
      g.step(1f, 1f);
      assertEquals(4f, g.scale());
      g.step(1f, 1f);
      assertEquals(8f, g.scale());
      g.step(Float.NaN, 1f); // resets the run of finite steps
      g.step(1f, 1f);
      g.step(1f, 1f);
      assertEquals(4f, g.scale());
      g.step(1f, 1f);
      assertEquals(8f, g.scale());
    }
    try (OneWeight g = new OneWeight(1f, 100)) {
      g.step(Float.NaN, 0f);
      assertEquals(1f, g.scale());
    }
  }
}
