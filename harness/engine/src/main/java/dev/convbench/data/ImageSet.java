package dev.convbench.data;

import java.util.Objects;

/**
 * Images and labels in CIFAR-10's own record layout, kept as bytes: {@code pixels} holds {@code count} images of
 * 3,072 bytes each (1,024 red, then green, then blue, each 32×32 row-major); {@code labels} holds one byte 0–9 per
 * image. The training graph converts the layout once when it loads the set.
 */
public record ImageSet(byte[] pixels, byte[] labels, int count) {

  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  public static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;
  public static final int CLASSES = 10;

  public ImageSet {
    Objects.requireNonNull(pixels);
    Objects.requireNonNull(labels);
    if (labels.length != count || pixels.length != (long) count * IMAGE_BYTES) {
      throw new IllegalArgumentException("inconsistent image set: " + count + " images, " + labels.length
          + " labels, " + pixels.length + " pixel bytes");
    }
  }

  /** The images at the given indices, in that order. */
  public ImageSet select(int[] indices) {
    byte[] p = new byte[indices.length * IMAGE_BYTES];
    byte[] l = new byte[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(pixels, indices[i] * IMAGE_BYTES, p, i * IMAGE_BYTES, IMAGE_BYTES);
      l[i] = labels[indices[i]];
    }
    return new ImageSet(p, l, indices.length);
  }

  /** Label of image {@code i}. */
  public int label(int i) {
    return labels[i];
  }
}
