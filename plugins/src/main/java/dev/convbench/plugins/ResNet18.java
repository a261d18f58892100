package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.graph.Layers.residualBlock;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * CIFAR ResNet-18 of seed 002: a 3×3 stem (64 channels, no bias) + BN + ReLU, four stages of two basic blocks
 * (64, 128, 256, 512 channels; stages 2–4 start with stride 2 and a 1×1 projection shortcut), global average pooling
 * and a 512→10 classifier. 11,173,962 trainable parameters.
 */
public final class ResNet18 implements ArchitecturePlugin {

  private static final int[] STAGE_CHANNELS = {64, 128, 256, 512};
  private static final int BLOCKS_PER_STAGE = 2;

  @Override
  public String name() {
    return "resnet18";
  }

  @Override
  public String description() {
    return "CIFAR ResNet-18: 3×3 stem, 4 stages × 2 basic blocks (64-512 channels), global average pool (seed 002)";
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    Operand<TFloat32> x = net.apply("stem", images, conv(64, 3).padding(1).noBias(), batchNorm(), relu());
    for (int stage = 0; stage < STAGE_CHANNELS.length; stage++) {
      Network layer = net.child("layer" + (stage + 1));
      for (int block = 0; block < BLOCKS_PER_STAGE; block++) {
        int stride = stage > 0 && block == 0 ? 2 : 1;
        x = layer.apply(x, residualBlock(STAGE_CHANNELS[stage], stride));
      }
    }
    return net.apply("head", x, globalAvgPool(), dense(net.classes()));
  }
}
