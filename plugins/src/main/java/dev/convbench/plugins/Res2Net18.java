package dev.convbench.plugins;

import static dev.convbench.plugins.blocks.Blocks.res2NetBlock;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Res2Net-18 of seed 002: seed 002's ResNet-18 skeleton (3×3 stem, four stages of two blocks, 64–512 channels,
 * global average pool, linear classifier) with Res2Net blocks of {@code scales} groups (4 by default). 2,587,018
 * trainable parameters, as the seed's PyTorch module. The seed's stride-2 blocks do not run as written; they are
 * fixed as the Res2Net paper's code does, without changing a weight (see
 * {@link dev.convbench.plugins.blocks.Res2NetBlock}).
 */
public final class Res2Net18 implements ArchitecturePlugin {

  static final HyperParameter<Integer> SCALES = HyperParameter.integer("scales", 4,
      "channel groups per block (the s of the Res2Net paper)").range(2, 16);

  @Override
  public String name() {
    return "res2net18";
  }

  @Override
  public String description() {
    return "Res2Net-18: ResNet-18 skeleton with multi-scale Res2Net blocks, stride-2 blocks fixed";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(SCALES);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    int scales = params.get(SCALES);
    return ResNets.logits(net, images, ResNets.CIFAR, new int[] {2, 2, 2, 2},
        (channels, stride) -> res2NetBlock(channels, stride, scales));
  }
}
