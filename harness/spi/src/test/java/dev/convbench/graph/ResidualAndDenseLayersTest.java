package dev.convbench.graph;

import static dev.convbench.graph.Layers.avgPool;
import static dev.convbench.graph.Layers.denseBlock;
import static dev.convbench.graph.Layers.denseLayer;
import static dev.convbench.graph.Layers.res2NetBlock;
import static dev.convbench.graph.Layers.residualBlock;
import static dev.convbench.graph.Layers.squeezeExcitation;
import static dev.convbench.graph.Layers.transition;
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

/** The layers of the residual, SE and dense architectures: SE, dense layer and block, transition, Res2Net block. */
class ResidualAndDenseLayersTest {

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
  void denseLayerConcatenatesItsInputInTheSeedsOrder() {
    int in = 3;
    float[] input = positive(4 * 4 * in);
    float[] inputFirst = run(Shape.of(1, 2, 2, in), input, net -> x -> net.apply(x, denseLayer(2)));
    float[] newFirst = run(Shape.of(1, 2, 2, in), input, net -> x -> net.apply(x, denseLayer(2).newFeaturesFirst()));
    for (int pixel = 0; pixel < 4; pixel++) {
      for (int c = 0; c < in; c++) {
        assertEquals(input[pixel * in + c], inputFirst[pixel * (in + 2) + c], "seed 003: input first");
        assertEquals(input[pixel * in + c], newFirst[pixel * (in + 2) + 2 + c], "seed 002: new maps first");
      }
    }
  }

  @Test
  void denseBlockAndTransitionChannelArithmetic() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, false, 10, new VariableStore(tf, 1));
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {1, 8, 8, 64}), TFloat32.class);
      Operand<TFloat32> y = net.apply(x, denseBlock(6, 32), transition(0.5));
      assertArrayEquals(new long[] {1, 4, 4, 128}, y.shape().asArray(), "64 + 6·32 = 256, halved: 128 at 4×4");
    }
    // BN 64 + 1×1 64→128 + BN 128 + 3×3 128→32, all convs without bias
    assertEquals(128 + 64 * 128 + 256 + 9 * 128 * 32, parameters(Shape.of(1, 4, 4, 64), denseLayer(32)));
  }

  @Test
  void strideTwoRes2NetBlockRunsAndKeepsTheSeedsWeights() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      Network net = new Network(tf, true, 10, variables);
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {1, 8, 8, 64}), TFloat32.class);
      Operand<TFloat32> y = net.apply(x, res2NetBlock(128, 2, 4));
      assertArrayEquals(new long[] {1, 4, 4, 128}, y.shape().asArray());
      // 1×1 64→128 + BN; three 3×3 32→32 + BN; 1×1 128→128 + BN; projection 1×1 64→128 + BN
      long seed = 64 * 128 + 256 + 3 * (9 * 32 * 32 + 64) + 128 * 128 + 256 + 64 * 128 + 256;
      assertEquals(seed, variables.trainableParameterCount());
    }
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
    assertThrows(IllegalArgumentException.class, () -> denseLayer(0));
    assertThrows(IllegalArgumentException.class, () -> denseLayer(32).bottleneck(0));
    assertThrows(IllegalArgumentException.class, () -> denseBlock(0, 32));
    assertThrows(IllegalArgumentException.class, () -> transition(0));
    assertThrows(IllegalArgumentException.class, () -> transition(1.5));
    assertThrows(IllegalArgumentException.class, () -> res2NetBlock(64, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> res2NetBlock(2, 1, 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parameters(Shape.of(1, 2, 2, 8), squeezeExcitation(16)));
    assertTrue(e.getMessage().contains("leaves no hidden unit for 8 channels"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> parameters(Shape.of(1, 1, 1, 8), transition(0.5)));
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
