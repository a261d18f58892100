package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.depthwiseConv;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * MobileNet v1's depthwise-separable convolution as seed 002 defines it: a 3×3 depthwise convolution (stride 1 or
 * 2, padding 1, no bias), a 1×1 pointwise convolution to {@code channels} (no bias), then <em>one</em> batch norm and
 * ReLU. (The MobileNet paper puts a BN + ReLU after the depthwise convolution too; the seed does not.)
 */
public final class DepthwiseSeparableBlock implements Layer {

  private final int channels;
  private final int stride;

  DepthwiseSeparableBlock(int channels, int stride) {
    if (channels < 1 || stride < 1) {
      throw new IllegalArgumentException("invalid depthwise-separable block: channels=" + channels + " stride="
          + stride);
    }
    this.channels = channels;
    this.stride = stride;
  }

  @Override
  public String kind() {
    return "dsconv";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    return net.apply(x,
        depthwiseConv(3).stride(stride).padding(1).noBias(),
        conv(channels, 1).noBias(), batchNorm(), relu());
  }
}
