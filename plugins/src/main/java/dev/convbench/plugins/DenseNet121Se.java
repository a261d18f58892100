package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.graph.Layers.squeezeExcitation;
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
 * DenseNet-121 with Squeeze-and-Excitation after every dense block, seed 003's {@code DenseNetWithSE}: stem 7×7/2
 * conv (64, no bias) + BN + ReLU + 3×3/2 max pool (padding 1); dense blocks of 6, 12, 24 and 16 bottleneck layers
 * (growth 32, bottleneck 4·32, input concatenated first), each followed by SE (global average pool, fc C→C/16 with
 * bias, ReLU, fc C/16→C with bias, sigmoid, channel scaling); transitions with compression 0.5 between blocks; BN,
 * ReLU, global average pool, fc. 7,270,202 trainable parameters ({@code se: false}: seed 003's plain DenseNet-121,
 * 6,964,106), as in PyTorch with 10 classes.
 *
 * <p>Deviation: the seed pools the final maps with a fixed 7×7 average pool (224×224 input); on 32×32 images the
 * last block works on 1×1 maps, so a global average pool takes its place (no parameters change).
 */
public final class DenseNet121Se implements ArchitecturePlugin {

  private static final List<Integer> BLOCKS = List.of(6, 12, 24, 16);
  private static final int GROWTH = 32;
  private static final double COMPRESSION = 0.5;
  private static final int REDUCTION = 16;

  static final HyperParameter<Boolean> SE = HyperParameter.bool("se", true,
      "false gives the plain DenseNet-121 (same stem and head)");

  private final List<Integer> blocks;

  public DenseNet121Se() {
    this(BLOCKS);
  }

  /** A shallower network of the same design, for tests that must train quickly. */
  DenseNet121Se(List<Integer> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  @Override
  public String name() {
    return "densenet121-se";
  }

  @Override
  public String description() {
    return "DenseNet-121 (7×7/2 stem + max pool, blocks 6/12/24/16, k=32) with SE after every dense block";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(SE);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    boolean se = params.get(SE);
    Operand<TFloat32> x = net.apply("stem", images,
        conv(64, 7).stride(2).padding(3).noBias(), batchNorm(), relu(), maxPool(3, 2).padding(1));
    for (int i = 0; i < blocks.size(); i++) {
      x = net.apply(x, denseBlock(blocks.get(i), GROWTH));
      if (se) {
        x = net.apply(x, squeezeExcitation(REDUCTION));
      }
      if (i < blocks.size() - 1) {
        x = net.apply(x, transition(COMPRESSION));
      }
    }
    return net.apply("head", x, batchNorm(), relu(), globalAvgPool(), dense(net.classes()));
  }
}
