package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.plugins.blocks.Blocks.denseBlock;
import static dev.convbench.plugins.blocks.Blocks.transition;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * CIFAR DenseNet-BC of seed 002: a 3×3 conv stem (2·growth channels, no bias, no BN), dense blocks of bottleneck
 * layers (BN, ReLU, 1×1 conv to 4·growth, BN, ReLU, 3×3 conv to growth; all convs without bias; the new maps
 * concatenated before the input, as the seed does), a transition (BN, ReLU, 1×1 conv to floor(C·compression),
 * 2×2 average pool) between consecutive blocks, then BN, ReLU, global average pool and a linear classifier.
 *
 * <p>Defaults are the seed's "DenseNet4": {@code blocks: [1, 1, 1, 1]}, {@code growth: 32}, {@code compression: 0.5},
 * 186,370 trainable parameters as in PyTorch. {@code blocks: [6, 12, 24, 16]} gives DenseNet-121-BC for CIFAR. The
 * seed pools the last 4×4 maps with a fixed 4×4 average pool; the global pool is the same there and lets
 * {@code blocks} have another length than 4 (at most 6: each transition halves the 32×32 input).
 */
public final class DenseNet implements ArchitecturePlugin {

  private static final int MAX_BLOCKS = 6;

  static final HyperParameter<List<Integer>> BLOCKS = HyperParameter.integerList("blocks", List.of(1, 1, 1, 1),
      "bottleneck layers of each dense block, at most 6 blocks, e.g. [6, 12, 24, 16]").range(1, 64);
  static final HyperParameter<Integer> GROWTH = HyperParameter.integer("growth", 32,
      "channels each layer adds (k); the stem has 2k").range(1, 128);
  static final HyperParameter<Double> COMPRESSION = HyperParameter.number("compression", 0.5,
      "channel factor of the transitions (θ)").range(0.1, 1);

  @Override
  public String name() {
    return "densenet";
  }

  @Override
  public String description() {
    return "DenseNet-BC for CIFAR: 3×3 stem, dense blocks of bottleneck layers, transitions; defaults as in "
        + "the course reports' DenseNet4";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(BLOCKS, GROWTH, COMPRESSION);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    List<Integer> blocks = params.get(BLOCKS);
    int growth = params.get(GROWTH);
    double compression = params.get(COMPRESSION);
    if (blocks.size() > MAX_BLOCKS) {
      throw new IllegalArgumentException("blocks: at most " + MAX_BLOCKS + " dense blocks fit a 32×32 input (each "
          + "transition halves it), got " + blocks.size());
    }
    Operand<TFloat32> x = net.apply("stem", images, conv(2 * growth, 3).padding(1).noBias());
    for (int i = 0; i < blocks.size(); i++) {
      x = net.apply(x, denseBlock(blocks.get(i), growth).newFeaturesFirst());
      if (i < blocks.size() - 1) {
        x = net.apply(x, transition(compression));
      }
    }
    return net.apply("head", x, batchNorm(), relu(), globalAvgPool(), dense(net.classes()));
  }
}
