package dev.convbench.plugins.blocks;

import dev.convbench.graph.LayerProbe;

import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.flatten;
import static dev.convbench.plugins.blocks.Blocks.denseBlock;
import static dev.convbench.plugins.blocks.Blocks.denseLayer;
import static dev.convbench.plugins.blocks.Blocks.depthwiseSeparable;
import static dev.convbench.plugins.blocks.Blocks.inception;
import static dev.convbench.plugins.blocks.Blocks.ninBlock;
import static dev.convbench.plugins.blocks.Blocks.res2NetBlock;
import static dev.convbench.plugins.blocks.Blocks.transition;
import static dev.convbench.plugins.blocks.Blocks.vggBlock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.graph.LayerInfo;
import dev.convbench.graph.Network;
import dev.convbench.graph.VariableStore;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The blocks of the built-in architectures: Inception, depthwise-separable, NiN, VGG, DenseNet, Res2Net. */
class BlocksTest {

  @Test
  void classicBlocksBuildTheirLayersWithTheExpectedShapesAndParameters() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 1);
      Network net = new Network(tf, false, 10, variables);
      Operand<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 16, 16, 192)));
      Operand<TFloat32> y = net.apply(x, inception(new InceptionBlock.Plan(64, 96, 128, 16, 32, 32)));
      assertShape(y, -1, 16, 16, 256);
      assertEquals(163_696, variables.trainableParameterCount(), "seed 001's Inception(192, 64, (96, 128), ...)");
      LayerInfo concat = net.summary().get(net.summary().size() - 1);
      assertEquals("inception1/concat", concat.name());
      assertEquals("Concat(64+128+32+32 → 256)", concat.op());
      assertTrue(net.summary().stream().anyMatch(l -> l.name().equals("inception1/branch4/maxpool1")));

      y = net.apply(y, inception(new InceptionBlock.Plan(8, 8, 8, 8, 8, 8)).withBatchNorm());
      assertShape(y, -1, 16, 16, 32);

      y = net.apply(y, depthwiseSeparable(64, 2));
      assertShape(y, -1, 8, 8, 64);
      y = net.apply(y, ninBlock(10, 3, 1, 1));
      assertShape(y, -1, 8, 8, 10);
      y = net.apply(y, vggBlock(2, 16).withBatchNorm(), flatten(), dense(3));
      assertShape(y, -1, 3);
      assertEquals(variables.trainableParameterCount(),
          net.summary().stream().mapToLong(LayerInfo::parameters).sum(), "the layer lines add up");
    }
  }

  @Test
  void denseLayerConcatenatesInEitherOrder() {
    int in = 3;
    float[] input = positive(2 * 2 * in);
    float[] inputFirst = LayerProbe.inferenceOutput(Shape.of(1, 2, 2, in), input, denseLayer(2));
    float[] newFirst = LayerProbe.inferenceOutput(Shape.of(1, 2, 2, in), input, denseLayer(2).newFeaturesFirst());
    for (int pixel = 0; pixel < 4; pixel++) {
      for (int c = 0; c < in; c++) {
        assertEquals(input[pixel * in + c], inputFirst[pixel * (in + 2) + c], "DenseNet+SE's order: the input first");
        assertEquals(input[pixel * in + c], newFirst[pixel * (in + 2) + 2 + c], "DenseNet's order: the new maps first");
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
    assertEquals(128 + 64 * 128 + 256 + 9 * 128 * 32, LayerProbe.trainableParameters(Shape.of(1, 4, 4, 64), denseLayer(32)));
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
  void invalidConfigurationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> depthwiseSeparable(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new InceptionBlock.Plan(64, 0, 128, 16, 32, 32));
    assertThrows(IllegalArgumentException.class, () -> ninBlock(96, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> vggBlock(0, 64));
    assertThrows(IllegalArgumentException.class, () -> denseLayer(0));
    assertThrows(IllegalArgumentException.class, () -> denseLayer(32).bottleneck(0));
    assertThrows(IllegalArgumentException.class, () -> denseBlock(0, 32));
    assertThrows(IllegalArgumentException.class, () -> transition(0));
    assertThrows(IllegalArgumentException.class, () -> transition(1.5));
    assertThrows(IllegalArgumentException.class, () -> res2NetBlock(64, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> res2NetBlock(2, 1, 4));
    assertThrows(IllegalArgumentException.class, () -> LayerProbe.trainableParameters(Shape.of(1, 1, 1, 8), transition(0.5)));
  }

  private static void assertShape(Operand<TFloat32> y, long... expected) {
    assertArrayEquals(expected, y.shape().asArray(), "shape " + y.shape());
  }

  private static float[] positive(int size) {
    Random random = new Random(3);
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      values[i] = 0.5f + random.nextFloat();
    }
    return values;
  }
}
