package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.graph.StepNoise;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TUint8;

class AugmentationTest {

  private static final int BATCH = 64;

  /** Pixel (y, x, c) of the test images: unique per position, never 0 (0 is the padding). */
  private static int value(int y, int x, int c) {
    return 1 + ((y * 32 + x) * 3 + c) % 250;
  }

  @Test
  void eachImageIsAShiftedOrMirroredCropOfItself() {
    byte[] pixels = new byte[BATCH * 32 * 32 * 3];
    for (int b = 0; b < BATCH; b++) {
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            pixels[((b * 32 + y) * 32 + x) * 3 + c] = (byte) value(y, x, c);
          }
        }
      }
    }
    byte[] out = new byte[pixels.length];
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var input = tf.constant(Shape.of(BATCH, 32, 32, 3), DataBuffers.of(pixels, true, false));
      Operand<TUint8> images = tf.dtypes.cast(input, TUint8.class);
      Operand<TUint8> augmented = Augmentation.augment(tf, images, BATCH, AugmentationConfig.standard(),
          new StepNoise(tf.constant(0L), 1));
      try (Session s = new Session(g); Result r = s.runner().fetch(augmented).run()) {
        ((TUint8) r.get(0)).asRawTensor().data().read(out);
      }
    }
    Set<String> seen = new HashSet<>();
    for (int b = 0; b < BATCH; b++) {
      String found = match(out, b);
      assertTrue(found != null, "image " + b + " is not a 4-pixel shift (or its mirror) of the input");
      seen.add(found);
    }
    assertTrue(seen.size() > 20, "offsets and flips vary between images: " + seen);
    assertTrue(seen.stream().anyMatch(k -> k.endsWith("flip")) && seen.stream().anyMatch(k -> k.endsWith("keep")));
  }

  /** The (dy, dx, flip) that explains image b, or null. */
  private static String match(byte[] out, int b) {
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        for (boolean flip : new boolean[] {false, true}) {
          if (matches(out, b, dy, dx, flip)) {
            return dy + "," + dx + "," + (flip ? "flip" : "keep");
          }
        }
      }
    }
    return null;
  }

  private static boolean matches(byte[] out, int b, int dy, int dx, boolean flip) {
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        int sx = (flip ? 31 - x : x) + dx;
        int sy = y + dy;
        for (int c = 0; c < 3; c++) {
          int expected = sy < 0 || sy > 31 || sx < 0 || sx > 31 ? 0 : value(sy, sx, c);
          if ((out[((b * 32 + y) * 32 + x) * 3 + c] & 0xFF) != expected) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
