package dev.convbench.graph;

import static dev.convbench.graph.Layers.batchNorm;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Batch norm normalises with batch statistics in training and with its moving averages in inference. */
class BatchNormTest {

  @Test
  void trainingAndInferenceBehaveDifferently() {
    float[] values = new float[4 * 2 * 2]; // [4, 2, 2, 1], mean 5, variance 4 (values 3 and 7)
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 2 == 0 ? 3f : 7f;
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      Operand<TFloat32> x = tf.constant(Shape.of(4, 2, 2, 1), DataBuffers.of(values, true, false));
      Network train = new Network(tf.withSubScope("train"), true, 10, variables);
      Network infer = new Network(tf.withSubScope("infer"), false, 10, variables);
      Operand<TFloat32> yTrain = train.apply(x, batchNorm());
      Operand<TFloat32> yInfer = infer.apply(x, batchNorm());
      assertEquals(2, variables.trainableVariables().size(), "gamma and beta, shared by both passes");
      try (Session s = new Session(g)) {
        s.initialize();
        float[] inferred = fetch(s, yInfer);
        // Fresh moving averages (mean 0, variance 1): inference leaves the input (almost) as it is.
        assertEquals(3f, inferred[0], 1e-3);
        assertEquals(7f, inferred[1], 1e-3);
        var runner = s.runner().fetch(yTrain);
        train.updates().forEach(runner::addTarget);
        try (Result r = runner.run()) {
          float[] trained = new float[values.length];
          ((TFloat32) r.get(0)).copyTo(org.tensorflow.ndarray.NdArrays.wrap(Shape.of(4, 2, 2, 1),
              DataBuffers.of(trained, false, false)));
          assertEquals(-1f, trained[0], 1e-3, "batch statistics: (3 - 5) / 2");
          assertEquals(1f, trained[1], 1e-3);
        }
        // One update moved the averages 10 % of the way: mean 0.5, variance 0.9 + 0.1 * (16/15 · 4).
        float[] after = fetch(s, yInfer);
        double variance = 0.9 + 0.1 * 4 * 16 / 15.0;
        assertEquals((3 - 0.5) / Math.sqrt(variance + 1e-5), after[0], 1e-3);
      }
    }
  }

  private static float[] fetch(Session s, Operand<TFloat32> y) {
    try (Result r = s.runner().fetch(y).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.copyTo(org.tensorflow.ndarray.NdArrays.wrap(t.shape(), DataBuffers.of(out, false, false)));
      return out;
    }
  }
}
