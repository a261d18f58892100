package dev.convbench.plugins;

import static dev.convbench.graph.Layers.residualBlock;
import static dev.convbench.graph.Layers.squeezeExcitation;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * SE-ResNet-18 of seed 000 (its {@code print(net)} listing): ResNet-18 whose every basic block rescales its residual
 * branch with Squeeze-and-Excitation after the second BN, before the addition; SE = global average pool, 1×1 conv
 * C→C/16 with bias, ReLU, 1×1 conv C/16→C with bias, sigmoid, channel scaling. The seed's stem is a 7×7/2 conv
 * (64, no bias) + BN + ReLU with no max pool ({@code stem: imagenet-no-pool}, the default), so the stages work on
 * 16, 8, 4 and 2 pixels. 11,270,722 trainable parameters; {@code stem: cifar} compares with {@code resnet18}.
 */
public final class SeResNet18 implements ArchitecturePlugin {

  static final HyperParameter<Integer> REDUCTION = HyperParameter.integer("reduction", 16,
      "SE bottleneck: C channels squeezed to C/reduction").range(1, 64);
  static final HyperParameter<String> STEM = ResNets.stemParameter(ResNets.IMAGENET_NO_POOL);

  @Override
  public String name() {
    return "se-resnet18";
  }

  @Override
  public String description() {
    return "ResNet-18 with Squeeze-and-Excitation on every block's residual branch, 7×7/2 stem";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(REDUCTION, STEM, ResNets.WIDTH);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    int reduction = params.get(REDUCTION);
    return ResNets.logits(net, images, params.get(STEM), params.get(ResNets.WIDTH), new int[] {2, 2, 2, 2},
        (channels, stride) -> residualBlock(channels, stride)
            .withSqueezeExcitation(squeezeExcitation(reduction).withConvolutions()));
  }
}
