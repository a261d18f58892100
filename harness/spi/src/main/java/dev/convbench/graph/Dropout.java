package dev.convbench.graph;

import dev.convbench.spi.Stable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Inverted dropout: in training, zeroes each element with probability {@code rate} and scales the rest. */
@Stable
public final class Dropout implements Layer {

  private final float rate;

  Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1): " + rate);
    }
    this.rate = (float) rate;
  }

  @Override
  public String kind() {
    return "dropout";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Operand<TFloat32> y = x;
    if (net.training() && rate > 0) {
      Ops tf = net.tf();
      Operand<TFloat32> u = net.randomUniform("mask", tf.shape(x));
      Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
      y = tf.math.mul(x, tf.math.mul(keep, tf.constant(1f / (1f - rate))));
    }
    net.record("Dropout(p=" + rate + ")", y, 0);
    return y;
  }
}
