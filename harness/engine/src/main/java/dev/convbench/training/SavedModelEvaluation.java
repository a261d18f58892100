package dev.convbench.training;

import dev.convbench.data.ImageSet;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** Accuracy of an exported model ({@link ModelExport}) on a set of images, through its serving signature only. */
public final class SavedModelEvaluation {

  private static final int BATCH = 500;

  private SavedModelEvaluation() {}

  /** The fraction of {@code images} the SavedModel in {@code directory} classifies correctly. */
  public static double accuracy(Path directory, ImageSet images) {
    byte[] hwc = InputPipeline.toHwc(images);
    byte[] labels = images.labels();
    long correct = 0;
    try (SavedModelBundle model = SavedModelBundle.load(directory.toString(), SavedModelBundle.DEFAULT_TAG)) {
      SessionFunction serve = model.function(ModelExport.SIGNATURE);
      for (int start = 0; start < images.count(); start += BATCH) {
        int n = Math.min(BATCH, images.count() - start);
        byte[] batch = new byte[n * ImageSet.IMAGE_BYTES];
        System.arraycopy(hwc, start * ImageSet.IMAGE_BYTES, batch, 0, batch.length);
        try (TUint8 input = TUint8.tensorOf(Shape.of(n, 32, 32, 3), DataBuffers.of(batch, true, false));
            Result result = serve.call(Map.of(ModelExport.INPUT, input))) {
          TFloat32 logits = (TFloat32) result.get(ModelExport.OUTPUT).orElseThrow();
          int classes = (int) logits.shape().get(1);
          for (int i = 0; i < n; i++) {
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
              if (logits.getFloat(i, c) > logits.getFloat(i, predicted)) {
                predicted = c;
              }
            }
            correct += predicted == labels[start + i] ? 1 : 0;
          }
        }
      }
    }
    return (double) correct / images.count();
  }
}
