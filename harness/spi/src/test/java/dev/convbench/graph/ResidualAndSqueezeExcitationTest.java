package dev.convbench.graph;

import static dev.convbench.graph.Layers.avgPool;
import static dev.convbench.graph.Layers.residualBlock;
import static dev.convbench.graph.Layers.squeezeExcitation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Padded average pooling (PyTorch's), squeeze-and-excitation and the residual block with it. */
class ResidualAndSqueezeExcitationTest {

  @Test
  void paddedAveragePoolingCountsThePaddingAsPyTorchDoes() {
    float[] ones = new float[16];
    java.util.Arrays.fill(ones, 1f);
    float[] y = LayerProbe.inferenceOutput(Shape.of(1, 4, 4, 1), ones, avgPool(3, 2).padding(1));
    // corner window: 4 of its 9 pixels inside; edge: 6; interior: 9 (count_include_pad=True)
    assertArrayEquals(new float[] {4 / 9f, 6 / 9f, 6 / 9f, 1f}, y, 1e-6f);
  }

  @Test
  void squeezeExcitationScalesEachChannelByOneFactorInZeroOne() {
    int channels = 32;
    float[] input = positive(2 * 3 * 3 * channels);
    for (SqueezeExcitation se : new SqueezeExcitation[] {squeezeExcitation(8), squeezeExcitation(8).withConvolutions()}) {
      float[] y = LayerProbe.inferenceOutput(Shape.of(2, 3, 3, channels), input, se);
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
    assertEquals(expected, LayerProbe.trainableParameters(Shape.of(1, 2, 2, 64), squeezeExcitation(16)));
    assertEquals(expected, LayerProbe.trainableParameters(Shape.of(1, 2, 2, 64), squeezeExcitation(16).withConvolutions()));
  }

  @Test
  void seResidualBlockAddsOnlyTheSeParameters() {
    long plain = LayerProbe.trainableParameters(Shape.of(1, 4, 4, 64), residualBlock(64, 1));
    long withSe = LayerProbe.trainableParameters(Shape.of(1, 4, 4, 64), residualBlock(64, 1).withSqueezeExcitation(squeezeExcitation(16)));
    assertEquals(2L * 64 * 4 + 4 + 64, withSe - plain);
  }

  @Test
  void invalidConfigurationsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> squeezeExcitation(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerProbe.trainableParameters(Shape.of(1, 2, 2, 8), squeezeExcitation(16)));
    assertTrue(e.getMessage().contains("leaves no hidden unit for 8 channels"), e.getMessage());
  }

  @Test
  void aProbeRefusesAnInputWhoseValuesDoNotFillItsShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LayerProbe.inferenceOutput(Shape.of(1, 2, 2, 3), new float[48], avgPool(2, 2)));
    assertEquals("48 values for an input of shape [1, 2, 2, 3]", e.getMessage());
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
}
