package dev.convbench.graph;

import static dev.convbench.graph.Layers.avgPool;
import static dev.convbench.graph.Layers.residualBlock;
import static dev.convbench.graph.Layers.squeezeExcitation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
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

/** Padded average pooling (PyTorch's), squeeze-and-excitation and the residual block with it. */
class ResidualAndSqueezeExcitationTest {

  @Test
  void paddedAveragePoolingCountsThePaddingAsPyTorchDoes() {
    float[] ones = new float[16];
    java.util.Arrays.fill(ones, 1f);
    float[] y = run(Shape.of(1, 4, 4, 1), ones, net -> x -> net.apply(x, avgPool(3, 2).padding(1)));
    // corner window: 4 of its 9 pixels inside; edge: 6; interior: 9 (count_include_pad=True)
    assertArrayEquals(new float[] {4 / 9f, 6 / 9f, 6 / 9f, 1f}, y, 1e-6f);
  }

  @Test
  void squeezeExcitationScalesEachChannelByOneFactorInZeroOne() {
    int channels = 32;
    float[] input = positive(2 * 3 * 3 * channels);
    for (SqueezeExcitation se : new SqueezeExcitation[] {squeezeExcitation(8), squeezeExcitation(8).withConvolutions()}) {
      float[] y = run(Shape.of(2, 3, 3, channels), input, net -> x -> net.apply(x, se));
      for (int n = 0; n < 2; n++) {
        for (int c = 0; c < channels; c++) {
          float factor = y[index(n, 0, c, channels)] / input[index(n, 0, c, channels)];
          assertTrue(factor > 0 && factor < 1, "sigmoid factor " + factor);
          for (int pixel = 1; pixel < 9; pixel++) {
            assertEquals(factor, y[index(n, pixel, c, channels)] / input[index(n, pixel, c, channels)], 1e-5);
          }
        }
      }
    }
  }

  @Test
  void bothSqueezeExcitationFlavoursHaveTheSameParameters() {
    long expected = 2L * 64 * 4 + 4 + 64; // 64→4 and 4→64, with biases
    assertEquals(expected, parameters(Shape.of(1, 2, 2, 64), squeezeExcitation(16)));
    assertEquals(expected, parameters(Shape.of(1, 2, 2, 64), squeezeExcitation(16).withConvolutions()));
  }

  @Test
  void seResidualBlockAddsOnlyTheSeParameters() {
    long plain = parameters(Shape.of(1, 4, 4, 64), residualBlock(64, 1));
    long withSe = parameters(Shape.of(1, 4, 4, 64), residualBlock(64, 1).withSqueezeExcitation(squeezeExcitation(16)));
    assertEquals(2L * 64 * 4 + 4 + 64, withSe - plain);
  }

  @Test
  void invalidConfigurationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> squeezeExcitation(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parameters(Shape.of(1, 2, 2, 8), squeezeExcitation(16)));
    assertTrue(e.getMessage().contains("leaves no hidden unit for 8 channels"), e.getMessage());
  }

  private static int index(int n, int pixel, int c, int channels) {
    return (n * 9 + pixel) * channels + c;
  }

  private static float[] positive(int size) {
    Random random = new Random(3);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = 0.5f + random.nextFloat();
    }
    return values;
  }

  /** Trainable parameters {@code layer} creates on an input of {@code shape}. */
  private static long parameters(Shape shape, Layer layer) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      Network net = new Network(tf, false, 10, variables);
      net.apply(tf.zeros(tf.constant(shape.asArray()), TFloat32.class), layer);
      return variables.trainableParameterCount();
    }
  }

  /** Builds {@code layers} in inference mode on a constant input and returns its output. */
  private static float[] run(Shape shape, float[] input,
      Function<Network, Function<Operand<TFloat32>, Operand<TFloat32>>> layers) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, false, 10, new VariableStore(tf, 1));
      Operand<TFloat32> y = layers.apply(net).apply(tf.constant(shape, DataBuffers.of(input, true, false)));
      try (Session s = new Session(g)) {
        s.initialize();
        try (Result r = s.runner().fetch(y).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          float[] out = new float[(int) t.shape().size()];
          t.copyTo(NdArrays.wrap(t.shape(), DataBuffers.of(out, false, false)));
          return out;
        }
      }
    }
  }
}
