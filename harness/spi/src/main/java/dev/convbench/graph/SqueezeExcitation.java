package dev.convbench.graph;

import dev.convbench.spi.Stable;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.graph.Layers.sigmoid;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Squeeze-and-Excitation: rescales each channel of {@code x} by a learned weight computed from the whole map.
 * Global average pool (squeeze) → C→C/r with bias → ReLU → C/r→C with bias → sigmoid (excitation) → channel-wise
 * product with the input. {@code C/r} is {@code C / reduction} rounded down, as PyTorch's {@code channel // reduction}.
 *
 * <p>Two flavours compute the same function with the same parameters and initialisation: fully connected layers on
 * the pooled vector (seed 003's {@code SELayer}, the default) or 1×1 convolutions on the pooled 1×1 map (seed 000's
 * {@code SE}, {@link #withConvolutions()}); only the names in the structure summary differ.
 */
@Stable
public final class SqueezeExcitation implements Layer {

  private final int reduction;
  private final boolean convolutions;

  SqueezeExcitation(int reduction, boolean convolutions) {
    if (reduction < 1) {
      throw new IllegalArgumentException("squeeze-excitation reduction must be >= 1: " + reduction);
    }
    this.reduction = reduction;
    this.convolutions = convolutions;
  }

  /** The same block written with 1×1 convolutions instead of fully connected layers (seed 000). */
  public SqueezeExcitation withConvolutions() {
    return new SqueezeExcitation(reduction, true);
  }

  public int reduction() {
    return reduction;
  }

  @Override
  public String kind() {
    return "se";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    if (x.shape().numDimensions() != 4) {
      throw new IllegalArgumentException(net.path() + ": squeeze-excitation needs a [batch, h, w, c] input, got "
          + x.shape());
    }
    long channels = x.shape().get(3);
    int hidden = (int) (channels / reduction);
    if (hidden < 1) {
      throw new IllegalArgumentException(net.path() + ": squeeze-excitation reduction " + reduction
          + " leaves no hidden unit for " + channels + " channels");
    }
    Operand<TFloat32> pooled = net.apply(x, globalAvgPool());
    Operand<TInt64> perChannel = tf.constant(new long[] {-1, 1, 1, channels});
    Operand<TFloat32> weights;
    if (convolutions) {
      weights = net.apply(tf.reshape(pooled, perChannel), conv(hidden, 1), relu(), conv((int) channels, 1), sigmoid());
    } else {
      weights = tf.reshape(net.apply(pooled, dense(hidden), relu(), dense((int) channels), sigmoid()), perChannel);
    }
    Operand<TFloat32> y = tf.math.mul(x, weights);
    net.child("scale").record("Scale channels (input × excitation)", y, 0);
    return y;
  }
}
