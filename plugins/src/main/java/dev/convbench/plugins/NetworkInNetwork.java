package dev.convbench.plugins;

import static dev.convbench.graph.Layers.dropout;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.plugins.blocks.Blocks.ninBlock;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Network in Network as seed 001 writes it: four NiN blocks (a convolution and two 1×1 convolutions, each with
 * ReLU) with 96, 256, 384 and 10 channels, 3×3/2 max pools between them, dropout before the last block, and no fully
 * connected layer: the last block has one channel per class, and global average pooling turns its maps into the
 * logits.
 *
 * <pre>
 * NiN 96 (5×5, stride 1, pad 2), max pool 3/2    32×32 → 15×15
 * NiN 256 (5×5, pad 2), max pool 3/2             15×15 → 7×7
 * NiN 384 (3×3, pad 1), max pool 3/2             7×7 → 3×3
 * dropout 0.5, NiN 10 (3×3, pad 1), global average pool → 10
 * </pre>
 *
 * <p>Kernel and stride choices for 32×32: the seed's first block opens with an 11×11 convolution with stride 4
 * (AlexNet's, for 224×224 inputs), which would leave 6×6 maps here, too small for the three 3×3/2 max pools; it
 * becomes a 5×5 convolution with stride 1 and padding 2, as in convbench's {@code alexnet}. The other blocks, pools
 * and the dropout are the seed's. 1,987,750 trainable parameters (the same network in PyTorch,
 * {@code ci/benchmarks/pytorch/classic_param_counts.py}). As in the seed, the last block ends with a ReLU, so the logits
 * are non-negative.
 */
public final class NetworkInNetwork implements ArchitecturePlugin {

  static final HyperParameter<Double> DROPOUT = HyperParameter.number("dropout", 0.5,
      "dropout rate before the last NiN block").range(0, 0.9);

  @Override
  public String name() {
    return "nin";
  }

  @Override
  public String description() {
    return "Network in Network: 4 NiN blocks (conv + two 1×1 convs), last with 10 channels, global average pool";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(DROPOUT);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    return net.apply(images,
        ninBlock(96, 5, 1, 2), maxPool(3, 2),
        ninBlock(256, 5, 1, 2), maxPool(3, 2),
        ninBlock(384, 3, 1, 1), maxPool(3, 2),
        dropout(params.get(DROPOUT)),
        ninBlock(net.classes(), 3, 1, 1),
        globalAvgPool());
  }
}
