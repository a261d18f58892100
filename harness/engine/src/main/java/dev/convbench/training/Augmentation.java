package dev.convbench.training;

import dev.convbench.graph.StepNoise;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/** Per-image augmentation and normalisation as graph ops on a uint8 NHWC batch. */
final class Augmentation {

  /** CIFAR-10 training-set channel means and standard deviations (the values torchvision recipes use). */
  static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
  static final float[] STD = {0.2470f, 0.2435f, 0.2616f};

  private Augmentation() {}

  /** Random crop with zero padding and random horizontal flip, as configured. Shapes stay {@code [b, 32, 32, 3]}. */
  static Operand<TUint8> augment(Ops tf, Operand<TUint8> images, int batch, AugmentationConfig cfg,
      StepNoise noise) {
    Operand<TUint8> x = images;
    if (cfg.randomCrop() && cfg.padding() > 0) {
      int p = cfg.padding();
      Operand<TUint8> padded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}),
          tf.dtypes.cast(tf.constant(0), TUint8.class));
      Operand<TInt32> window = tf.range(tf.constant(0), tf.constant(32), tf.constant(1));
      Operand<TInt32> rows = offsets(tf, batch, 2 * p + 1, window, noise, "augment/crop-y");
      Operand<TInt32> cols = offsets(tf, batch, 2 * p + 1, window, noise, "augment/crop-x");
      // Per-image crop without a loop: gather each image's 32 rows, then its 32 columns.
      x = tf.gather(padded, rows, tf.constant(1), Gather.batchDims(1L));
      x = tf.gather(x, cols, tf.constant(2), Gather.batchDims(1L));
    }
    if (cfg.horizontalFlip()) {
      Operand<TFloat32> coin = noise.uniform(tf, "augment/flip", tf.constant(new int[] {batch}));
      // select broadcasts (SelectV2): one flip decision per image, shaped [batch, 1, 1, 1].
      Operand<TBool> flip = tf.reshape(tf.math.less(coin, tf.constant(0.5f)), tf.constant(new int[] {batch, 1, 1, 1}));
      x = tf.select(flip, tf.reverse(x, tf.constant(new int[] {2})), x);
    }
    return x;
  }

  /** {@code [batch, 32]} row (or column) indices: a random offset per image plus 0..31. */
  private static Operand<TInt32> offsets(Ops tf, int batch, int choices, Operand<TInt32> window, StepNoise noise,
      String purpose) {
    Operand<TInt32> offset = noise.uniformInt(tf, purpose, tf.constant(new int[] {batch}), 0, choices);
    return tf.math.add(tf.expandDims(offset, tf.constant(1)), tf.expandDims(window, tf.constant(0)));
  }

  /** uint8 → float in [0, 1], then per-channel standardisation when {@code normalize}. */
  static Operand<TFloat32> toFloat(Ops tf, Operand<TUint8> images, boolean normalize) {
    Operand<TFloat32> x = tf.dtypes.cast(images, TFloat32.class);
    if (!normalize) {
      return tf.math.mul(x, tf.constant(1f / 255f));
    }
    float[] scale = new float[3];
    float[] shift = new float[3];
    for (int c = 0; c < 3; c++) {
      scale[c] = 1f / (255f * STD[c]);
      shift[c] = MEAN[c] / STD[c];
    }
    return tf.math.sub(tf.math.mul(x, tf.constant(scale)), tf.constant(shift));
  }
}
