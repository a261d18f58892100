package dev.convbench.plugins;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** Small generated data sets in CIFAR-10's record layout, for tests that must not depend on the real files. */
final class TinyData {

  private TinyData() {}

  /** {@code count} random images labelled {@code i % 10}; the same set is used for training and evaluation. */
  static Dataset memorisable(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * ImageSet.IMAGE_BYTES];
    random.nextBytes(pixels);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % ImageSet.CLASSES);
    }
    ImageSet set = new ImageSet(pixels, labels, count);
    return new Dataset(set, set, "train", Path.of("generated"), Map.of("generated", count), true);
  }
}
