package dev.convbench.graph;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.depthwiseConv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The layers of the classic architectures: batch norm on dense features and depthwise convolution. */
class ClassicLayersTest {

  @Test
  void batchNormOnDenseFeaturesNormalisesEachFeatureOverTheBatch() {
    // [4, 2]: feature 0 takes 3 and 7 (mean 5, variance 4), feature 1 is constant 10.
    float[] values = {3, 10, 7, 10, 3, 10, 7, 10};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      Operand<TFloat32> x = tf.constant(Shape.of(4, 2), DataBuffers.of(values, true, false));
      Network train = new Network(tf.withSubScope("train"), true, 10, variables);
      Network infer = new Network(tf.withSubScope("infer"), false, 10, variables);
      Operand<TFloat32> yTrain = train.apply(x, batchNorm());
      Operand<TFloat32> yInfer = infer.apply(x, batchNorm());
      assertEquals(Shape.of(4, 2), yTrain.shape());
      assertEquals(new LayerInfo("bn1", "BatchNorm1d(2)", List.of(4L, 2L), 4), train.summary().get(0));
      try (Session s = new Session(g)) {
        s.initialize();
        float[] inferred = fetch(s, yInfer);
        assertEquals(3f, inferred[0], 1e-3, "fresh moving averages: (almost) the identity");
        assertEquals(10f, inferred[1], 1e-3);
        var runner = s.runner().fetch(yTrain);
        train.updates().forEach(runner::addTarget);
        try (Result r = runner.run()) {
          float[] trained = toArray((TFloat32) r.get(0));
          assertEquals(-1f, trained[0], 1e-3, "batch statistics: (3 - 5) / 2");
          assertEquals(1f, trained[2], 1e-3);
          assertEquals(0f, trained[1], 1e-3, "a constant feature becomes 0");
        }
        float[] after = fetch(s, yInfer);
        double variance = 0.9 + 0.1 * 4 * 4 / 3.0; // unbiased batch variance over 4 samples
        assertEquals((3 - 0.5) / Math.sqrt(variance + 1e-5), after[0], 1e-3);
        assertEquals((10 - 1.0) / Math.sqrt(0.9 + 1e-5), after[1], 1e-3, "feature 1: mean 1, variance 0.9");
      }
    }
  }

  @Test
  void batchNormRejectsOtherRanks() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, true, 10, new VariableStore(tf, 1));
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {2, 3, 4}), TFloat32.class);
      assertThrows(IllegalArgumentException.class, () -> net.apply(x, batchNorm()));
    }
  }

  @Test
  void depthwiseConvolutionFiltersEachChannelAloneAndPadsLikePyTorch() {
    // [1, 4, 4, 2]: channel 0 has a single 1 in the top-left corner, channel 1 is zero.
    float[] values = new float[4 * 4 * 2];
    values[0] = 1f;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 3);
      Network net = new Network(tf, false, 10, variables);
      Operand<TFloat32> x = tf.constant(Shape.of(1, 4, 4, 2), DataBuffers.of(values, true, false));
      Operand<TFloat32> y = net.apply(x, depthwiseConv(3).stride(2).padding(1).noBias());
      assertEquals(Shape.of(1, 2, 2, 2), y.shape());
      assertEquals(Shape.of(3, 3, 2, 1), variables.trainableVariables().get(0).shape());
      assertEquals("Conv2d(2→2, 3×3, stride 2, padding 1, groups 2, bias=false)", net.summary().get(0).op());
      assertEquals(18, net.summary().get(0).parameters());
      try (Session s = new Session(g)) {
        s.initialize();
        float[] out = fetch(s, y);
        float[] kernel = fetch(s, variables.trainableVariables().get(0)); // [ky, kx, channel, 1]
        // Output (0, 0) of stride 2 with one pixel of padding on every side sees input (0, 0) at the kernel's
        // centre (1, 1); TensorFlow's SAME would pad only bottom/right and use the kernel's corner (0, 0).
        assertEquals(kernel[(1 * 3 + 1) * 2], out[0], 1e-6);
        assertEquals(0f, out[1], "channel 1 sees only channel 1");
        assertEquals(0f, out[2], "output (0, 1) starts at input column 1");
      }
    }
  }

  @Test
  void constructorsRejectInvalidConfigurations() {
    assertThrows(IllegalArgumentException.class, () -> depthwiseConv(3).padding(3));
    assertThrows(IllegalArgumentException.class, () -> depthwiseConv(0));
  }

  private static float[] fetch(Session s, Operand<TFloat32> y) {
    try (Result r = s.runner().fetch(y).run()) {
      return toArray((TFloat32) r.get(0));
    }
  }

  private static float[] toArray(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(NdArrays.wrap(t.shape(), DataBuffers.of(out, false, false)));
    return out;
  }
}
