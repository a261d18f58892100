package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import dev.convbench.spi.HyperParameter;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The skeleton the ResNet-style plugins share ({@code resnet}, {@code resnet18}, {@code se-resnet18},
 * {@code res2net18}): a stem, four stages of 64, 128, 256 and 512 channels whose stages 2–4 start with a stride-2
 * block, global average pooling and a linear classifier.
 */
final class ResNets {

  /** Stem choices: seed 002's 3×3 CIFAR stem, torchvision's ImageNet stem, seed 000's ImageNet stem without pool. */
  static final String CIFAR = "cifar";
  static final String IMAGENET = "imagenet";
  static final String IMAGENET_NO_POOL = "imagenet-no-pool";

  /** ResNet's width: 64 channels in the stem and first stage, doubling per stage to 512. */
  static final int STANDARD_WIDTH = 64;

  /** ResNet's {@code width} hyper-parameter, shared by the architectures built here that let it vary. */
  static final HyperParameter<Integer> WIDTH = HyperParameter.integer("width", STANDARD_WIDTH,
      "channels of the stem and the first stage, doubled by each later stage (64 as in the course reports; "
          + "smaller for quick CPU runs)").range(4, 256);

  private ResNets() {}

  /** Makes the block of one position: {@code channels} outputs, {@code stride} 2 for the first block of stages 2–4. */
  @FunctionalInterface
  interface BlockFactory {
    Layer block(int channels, int stride);
  }

  /** ResNet's {@code stem} hyper-parameter with the given default (architectures differ in it). */
  static HyperParameter<String> stemParameter(String defaultValue) {
    return HyperParameter.string("stem", defaultValue,
        "cifar: 3×3 conv, stride 1; imagenet: 7×7 conv, stride 2, + 3×3 max pool, stride 2; imagenet-no-pool: "
            + "the 7×7 conv alone (as in the course reports' SE-ResNet); each conv has 'width' channels, BN, ReLU")
        .oneOf(CIFAR, IMAGENET, IMAGENET_NO_POOL);
  }

  /** Stem, stages with {@code blocksPerStage[i]} blocks each, global average pool, classifier; standard width. */
  static Operand<TFloat32> logits(Network net, Operand<TFloat32> images, String stem, int[] blocksPerStage,
      BlockFactory blocks) {
    return logits(net, images, stem, STANDARD_WIDTH, blocksPerStage, blocks);
  }

  /** As above with {@code width} channels in the stem and first stage (2×, 4×, 8× in the later stages). */
  static Operand<TFloat32> logits(Network net, Operand<TFloat32> images, String stem, int width,
      int[] blocksPerStage, BlockFactory blocks) {
    Operand<TFloat32> x = switch (stem) {
      case CIFAR -> net.apply("stem", images, conv(width, 3).padding(1).noBias(), batchNorm(), relu());
      case IMAGENET -> net.apply("stem", images, conv(width, 7).stride(2).padding(3).noBias(), batchNorm(), relu(),
          maxPool(3, 2).padding(1));
      case IMAGENET_NO_POOL -> net.apply("stem", images, conv(width, 7).stride(2).padding(3).noBias(), batchNorm(),
          relu());
      default -> throw new IllegalArgumentException("unknown stem: " + stem);
    };
    for (int stage = 0; stage < blocksPerStage.length; stage++) {
      Network layer = net.child("layer" + (stage + 1));
      for (int block = 0; block < blocksPerStage[stage]; block++) {
        int stride = stage > 0 && block == 0 ? 2 : 1;
        x = layer.apply(x, blocks.block(width << stage, stride));
      }
    }
    return net.apply("head", x, globalAvgPool(), dense(net.classes()));
  }
}
