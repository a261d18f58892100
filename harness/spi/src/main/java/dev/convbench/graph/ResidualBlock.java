package dev.convbench.graph;

import dev.convbench.spi.Stable;
import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.relu;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * ResNet's basic block: two 3×3 conv + BN on the residual branch, added to the shortcut, then ReLU. The shortcut
 * is the identity, or a 1×1 conv + BN projection when the block changes stride or width. With {@code shortcut}
 * off the block is the same stack without the addition (a "plain" block, to show what skips change). With a
 * {@link SqueezeExcitation} (seed 000's SE-ResNet) the residual branch is rescaled after its second BN, before the
 * addition.
 */
@Stable
public final class ResidualBlock implements Layer {

  private final int channels;
  private final int stride;
  private final boolean shortcut;
  private final SqueezeExcitation se;

  ResidualBlock(int channels, int stride, boolean shortcut) {
    this(channels, stride, shortcut, null);
  }

  private ResidualBlock(int channels, int stride, boolean shortcut, SqueezeExcitation se) {
    if (channels < 1 || stride < 1) {
      throw new IllegalArgumentException("invalid residual block: channels=" + channels + " stride=" + stride);
    }
    this.channels = channels;
    this.stride = stride;
    this.shortcut = shortcut;
    this.se = se;
  }

  /** The same block without its skip connection. */
  public ResidualBlock withoutShortcut() {
    return new ResidualBlock(channels, stride, false, se);
  }

  /** The same block with {@code se} applied to the residual branch after its second BN, before the addition. */
  public ResidualBlock withSqueezeExcitation(SqueezeExcitation se) {
    return new ResidualBlock(channels, stride, shortcut, Objects.requireNonNull(se));
  }

  @Override
  public String kind() {
    return "block";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Operand<TFloat32> residual = net.apply(x,
        conv(channels, 3).stride(stride).padding(1).noBias(), batchNorm(), relu(),
        conv(channels, 3).padding(1).noBias(), batchNorm());
    if (se != null) {
      residual = net.apply(residual, se);
    }
    if (!shortcut) {
      return net.apply(residual, relu());
    }
    Operand<TFloat32> identity = x;
    if (stride != 1 || x.shape().get(3) != channels) {
      identity = net.apply("shortcut", x, conv(channels, 1).stride(stride).noBias(), batchNorm());
    }
    return net.apply(net.tf().math.add(residual, identity), relu());
  }
}
