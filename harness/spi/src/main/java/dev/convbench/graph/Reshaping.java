package dev.convbench.graph;

import dev.convbench.spi.Stable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Layers that only change shape: flatten and global average pooling. */
@Stable
public enum Reshaping implements Layer {
  /** {@code [batch, h, w, c]} → {@code [batch, h·w·c]}. */
  FLATTEN("flatten"),
  /** {@code [batch, h, w, c]} → {@code [batch, c]}, the mean over each channel. */
  GLOBAL_AVG_POOL("gap");

  private final String kind;

  Reshaping(String kind) {
    this.kind = kind;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    Operand<TFloat32> y;
    if (this == FLATTEN) {
      Shape s = x.shape();
      long features = 1;
      for (int i = 1; i < s.numDimensions(); i++) {
        if (s.get(i) < 0) {
          throw new IllegalArgumentException(net.path() + ": flatten needs a static shape, got " + s);
        }
        features *= s.get(i);
      }
      y = tf.reshape(x, tf.constant(new long[] {-1, features}));
      net.record("Flatten()", y, 0);
    } else {
      y = tf.math.mean(x, tf.constant(new int[] {1, 2}));
      net.record("AdaptiveAvgPool2d(1) + Flatten()", y, 0);
    }
    return y;
  }
}
