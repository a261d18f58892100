package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * VGG block (seed 001's {@code vgg_block}): {@code convs} 3×3 convolutions with padding 1 to {@code channels}, each
 * followed by ReLU, then a 2×2 max pool with stride 2 that halves the resolution. {@link #withBatchNorm()} inserts a
 * batch norm between each convolution and its ReLU, as torchvision's {@code vgg*_bn} do (the convolutions keep their
 * bias there).
 */
public final class VggBlock implements Layer {

  private final int convs;
  private final int channels;
  private final boolean batchNorm;

  VggBlock(int convs, int channels, boolean batchNorm) {
    if (convs < 1 || channels < 1) {
      throw new IllegalArgumentException("invalid VGG block: convs=" + convs + " channels=" + channels);
    }
    this.convs = convs;
    this.channels = channels;
    this.batchNorm = batchNorm;
  }

  /** The same block with batch norm after each convolution. */
  public VggBlock withBatchNorm() {
    return new VggBlock(convs, channels, true);
  }

  @Override
  public String kind() {
    return "vgg";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < convs; i++) {
      layers.add(conv(channels, 3).padding(1));
      if (batchNorm) {
        layers.add(batchNorm());
      }
      layers.add(relu());
    }
    layers.add(maxPool(2));
    return net.apply(x, layers.toArray(Layer[]::new));
  }
}
