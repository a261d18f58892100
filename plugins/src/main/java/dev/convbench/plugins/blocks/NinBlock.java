package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Network-in-Network block (seed 001's {@code nin_block}): a {@code kernel}×{@code kernel} convolution to
 * {@code channels}, then two 1×1 convolutions (a per-pixel two-layer perceptron), each followed by ReLU. All with
 * bias.
 */
public final class NinBlock implements Layer {

  private final int channels;
  private final int kernel;
  private final int stride;
  private final int padding;

  NinBlock(int channels, int kernel, int stride, int padding) {
    if (channels < 1 || kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
      throw new IllegalArgumentException("invalid NiN block: channels=" + channels + " kernel=" + kernel + " stride="
          + stride + " padding=" + padding);
    }
    this.channels = channels;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
  }

  @Override
  public String kind() {
    return "nin";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    return net.apply(x,
        conv(channels, kernel).stride(stride).padding(padding), relu(),
        conv(channels, 1), relu(),
        conv(channels, 1), relu());
  }
}
