package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.data.ImageSet;
import dev.convbench.graph.StepNoise;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

class InputPipelineTest {

  private static final int TRAIN = 30;
  private static final AugmentationConfig UNCHANGED = new AugmentationConfig(false, 0, false, false);

  @Test
  void recordLayoutBecomesHeightWidthChannel() {
    byte[] pixels = new byte[2 * ImageSet.IMAGE_BYTES];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i % ImageSet.IMAGE_BYTES / 1024 * 100 + i / ImageSet.IMAGE_BYTES); // channel·100 + image
    }
    pixels[ImageSet.IMAGE_BYTES + 1024 + 33] = 77; // image 1, green, row 1, column 1
    byte[] hwc = InputPipeline.toHwc(new ImageSet(pixels, new byte[2], 2));
    assertEquals(0, hwc[0]);
    assertEquals(100, hwc[1]);
    assertEquals(200, hwc[2] & 0xFF);
    assertEquals(1, hwc[ImageSet.IMAGE_BYTES]);
    assertEquals(77, hwc[ImageSet.IMAGE_BYTES + 33 * 3 + 1]);
  }

  /** A pipeline over {@link #numbered} images in a graph and session of its own. */
  private static final class Built implements AutoCloseable {
    final Graph graph = new Graph();
    final InputPipeline input;
    final Session session;

    Built(int batchSize, long orderStream) {
      Ops tf = Ops.create(graph);
      Placeholder<TInt64> step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      input = new InputPipeline(tf.withSubScope("data"), tf.withSubScope("train"), TRAIN, 10, batchSize, UNCHANGED,
          orderStream, new StepNoise(step, 1));
      session = new Session(graph);
      input.load(session, numbered(TRAIN), numbered(10));
    }

    /**
     * The images of epoch {@code epoch}'s batches, one after the other, each read back from the batch's pixels
     * (which must agree with its label and its three channels).
     */
    int[] epoch(int epoch) {
      input.shuffle(session, epoch);
      int batch = input.batchSize();
      int[] seen = new int[input.stepsPerEpoch() * batch];
      for (int s = 0; s < input.stepsPerEpoch(); s++) {
        try (TInt32 start = TInt32.scalarOf(s * batch);
            Result r = session.runner().feed(input.batchStart(), start).fetch(input.images()).fetch(input.labels())
                .run()) {
          TFloat32 images = (TFloat32) r.get(0);
          TInt32 labels = (TInt32) r.get(1);
          assertEquals(Shape.of(batch, 32, 32, 3), images.shape());
          for (int b = 0; b < batch; b++) {
            int image = Math.round(images.getFloat(b, 5, 7, 0) * 255);
            assertEquals(image + 100, Math.round(images.getFloat(b, 31, 0, 1) * 255), "green of image " + image);
            assertEquals(image + 200, Math.round(images.getFloat(b, 0, 31, 2) * 255), "blue of image " + image);
            assertEquals(image % ImageSet.CLASSES, labels.getInt(b), "label of image " + image);
            seen[s * batch + b] = image;
          }
        }
      }
      return seen;
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  /** Image {@code i} has the value {@code i} in red, {@code i + 100} in green, {@code i + 200} in blue. */
  private static ImageSet numbered(int count) {
    byte[] pixels = new byte[count * ImageSet.IMAGE_BYTES];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % ImageSet.CLASSES);
      for (int c = 0; c < 3; c++) {
        Arrays.fill(pixels, i * ImageSet.IMAGE_BYTES + c * 1024, i * ImageSet.IMAGE_BYTES + (c + 1) * 1024,
            (byte) (i + 100 * c));
      }
    }
    return new ImageSet(pixels, labels, count);
  }

  @Test
  void anEpochTakesFullBatchesOfDistinctImagesInAnOrderThatDependsOnTheEpochAndTheSeedAlone() {
    try (Built first = new Built(8, 11); Built again = new Built(8, 11); Built otherSeed = new Built(8, 12)) {
      assertEquals(3, first.input.stepsPerEpoch(), "30 images in batches of 8: the last 6 are dropped");
      int[] epoch1 = first.epoch(1);
      assertEquals(24, Arrays.stream(epoch1).distinct().count(), Arrays.toString(epoch1));
      assertTrue(Arrays.stream(epoch1).allMatch(i -> i >= 0 && i < TRAIN), Arrays.toString(epoch1));
      int[] epoch2 = first.epoch(2);
      assertFalse(Arrays.equals(epoch1, epoch2), "each epoch has its own order");
      assertArrayEquals(epoch1, first.epoch(1), "drawn again, an epoch's order is the same");
      assertArrayEquals(epoch2, again.epoch(2), "the same in another graph: a resumed run sees the same batches");
      assertFalse(Arrays.equals(epoch1, otherSeed.epoch(1)), "another seed, another order");
    }
  }

  @Test
  void aBatchIsNeverLargerThanTheTrainingSet() {
    try (Built built = new Built(64, 11)) {
      assertEquals(TRAIN, built.input.batchSize());
      assertEquals(1, built.input.stepsPerEpoch());
      int[] epoch = built.epoch(1);
      assertEquals(TRAIN, Arrays.stream(epoch).distinct().count(), Arrays.toString(epoch));
    }
  }

  @Test
  void loadingImagesOtherThanTheGraphWasBuiltForIsRefused() {
    try (Built built = new Built(8, 11)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> built.input.load(built.session, numbered(TRAIN - 1), numbered(10)));
      assertEquals("graph built for 30/10 images, got 29/10", e.getMessage());
    }
  }
}
