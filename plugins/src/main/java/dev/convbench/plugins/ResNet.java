package dev.convbench.plugins;

import static dev.convbench.graph.Layers.residualBlock;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ResNet with basic blocks, seed 002's definition: a stem, four stages of basic blocks (64, 128, 256, 512 channels;
 * stages 2–4 start with stride 2 and a 1×1 conv + BN projection shortcut), global average pooling, a linear
 * classifier.
 *
 * <ul>
 *   <li>{@code depth: 18} (2, 2, 2, 2 blocks; the default, = {@code resnet18}, 11,173,962 parameters) or 34
 *       (3, 4, 6, 3 blocks; 21,282,122).</li>
 *   <li>{@code stem}: {@code cifar} (3×3/1 conv, default), {@code imagenet} (7×7/2 conv + BN + ReLU + 3×3/2 max
 *       pool, padding 1: layer 1 works on 8×8 maps, 7,680 more parameters) or {@code imagenet-no-pool}.</li>
 *   <li>{@code shortcut: false}: the same network without skip connections, hence without the three projection
 *       shortcuts (11,000,138 parameters at depth 18), to show what skips change.</li>
 * </ul>
 */
public final class ResNet implements ArchitecturePlugin {

  static final HyperParameter<Integer> DEPTH = HyperParameter.integer("depth", 18,
      "18 (2, 2, 2, 2 basic blocks) or 34 (3, 4, 6, 3)").oneOf(18, 34);
  static final HyperParameter<String> STEM = ResNets.stemParameter(ResNets.CIFAR);
  static final HyperParameter<Boolean> SHORTCUT = HyperParameter.bool("shortcut", true,
      "false removes every skip connection (a plain network)");

  @Override
  public String name() {
    return "resnet";
  }

  @Override
  public String description() {
    return "ResNet-18/34 with basic blocks; CIFAR or ImageNet stem; optional plain (no-skip) variant";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(DEPTH, STEM, ResNets.WIDTH, SHORTCUT);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    return build(net, images, params.get(DEPTH), params.get(STEM), params.get(ResNets.WIDTH), params.get(SHORTCUT));
  }

  static Operand<TFloat32> build(Network net, Operand<TFloat32> images, int depth, String stem, int width,
      boolean shortcut) {
    int[] blocks = switch (depth) {
      case 18 -> new int[] {2, 2, 2, 2};
      case 34 -> new int[] {3, 4, 6, 3};
      default -> throw new IllegalArgumentException("ResNet depth must be 18 or 34, got " + depth);
    };
    return ResNets.logits(net, images, stem, width, blocks,
        (channels, stride) -> shortcut ? residualBlock(channels, stride)
            : residualBlock(channels, stride).withoutShortcut());
  }
}
