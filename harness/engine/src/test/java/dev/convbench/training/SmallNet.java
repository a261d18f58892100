package dev.convbench.training;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A small conv + batch-norm network and generated data, so training tests take a second, not minutes. */
final class SmallNet implements ArchitecturePlugin {

  @Override
  public String name() {
    return "small-net";
  }

  @Override
  public String description() {
    return "test network";
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    return net.apply(images, conv(8, 3).padding(1).noBias(), batchNorm(), relu(), globalAvgPool(),
        dense(net.classes()));
  }

  /** {@code count} images whose class sets the mean brightness of one channel: learnable in a few steps. */
  static Dataset data(int count, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[count * ImageSet.IMAGE_BYTES];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int label = i % ImageSet.CLASSES;
      labels[i] = (byte) label;
      for (int p = 0; p < ImageSet.IMAGE_BYTES; p++) {
        int channel = p / 1024;
        int level = channel == label % 3 ? 20 * label : 60;
        pixels[i * ImageSet.IMAGE_BYTES + p] = (byte) (level + random.nextInt(40));
      }
    }
    ImageSet set = new ImageSet(pixels, labels, count);
    return new Dataset(set, set, "train", Path.of("generated"), Map.of("generated", count), true);
  }
}
