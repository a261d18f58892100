package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.avgPool;
import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * DenseNet's transition between dense blocks: BN, ReLU, 1×1 conv without bias to
 * {@code floor(channels·compression)} channels, 2×2 average pooling (halves the resolution).
 */
public final class Transition implements Layer {

  private final double compression;

  Transition(double compression) {
    if (!(compression > 0 && compression <= 1)) {
      throw new IllegalArgumentException("transition compression must be in (0, 1]: " + compression);
    }
    this.compression = compression;
  }

  @Override
  public String kind() {
    return "transition";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    long channels = x.shape().get(3);
    if (x.shape().get(1) < 2 || x.shape().get(2) < 2) {
      throw new IllegalArgumentException(net.path() + ": a transition halves the resolution, but its input is "
          + x.shape().get(1) + "×" + x.shape().get(2) + " (too many dense blocks for the input size?)");
    }
    int out = (int) Math.floor(channels * compression);
    if (out < 1) {
      throw new IllegalArgumentException(net.path() + ": compression " + compression + " leaves no channel of "
          + channels);
    }
    return net.apply(x, batchNorm(), relu(), conv(out, 1).noBias(), avgPool(2));
  }
}
