package dev.convbench.plugins;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * CIFAR ResNet-18 of seed 002: a 3×3 stem (64 channels, no bias) + BN + ReLU, four stages of two basic blocks
 * (64, 128, 256, 512 channels; stages 2–4 start with stride 2 and a 1×1 projection shortcut), global average pooling
 * and a 512→10 classifier. 11,173,962 trainable parameters. The same network as {@code resnet} at its defaults
 * ({@link ResNet}, which builds both), kept under its own name for experiment files.
 */
public final class ResNet18 implements ArchitecturePlugin {

  @Override
  public String name() {
    return "resnet18";
  }

  @Override
  public String description() {
    return "CIFAR ResNet-18: 3×3 stem, 4 stages × 2 basic blocks (64-512 channels), global average pool";
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    return ResNet.build(net, images, 18, ResNets.CIFAR, ResNets.STANDARD_WIDTH, true);
  }
}
