package dev.convbench.graph;

import dev.convbench.spi.Stable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Max or average pooling with a square window, PyTorch-style integer padding. */
@Stable
public final class Pool2d implements Layer {

  private final boolean max;
  private final int size;
  private final int stride;
  private final int padding;

  Pool2d(boolean max, int size, int stride, int padding) {
    if (size < 1 || stride < 1 || padding < 0 || 2 * padding > size) {
      throw new IllegalArgumentException("invalid pooling: size=" + size + " stride=" + stride + " padding=" + padding);
    }
    this.max = max;
    this.size = size;
    this.stride = stride;
    this.padding = padding;
  }

  /**
   * Same pooling with {@code p} pixels of padding on each side: max pooling pads with -inf, average pooling with
   * zeros that count in the mean (PyTorch's default {@code count_include_pad=True}).
   */
  public Pool2d padding(int p) {
    return new Pool2d(max, size, stride, p);
  }

  @Override
  public String kind() {
    return max ? "maxpool" : "avgpool";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    String mode;
    if (padding == 0) {
      mode = "VALID";
    } else if (max && stride == 1 && 2 * padding == size - 1) {
      mode = "SAME";
    } else {
      // Max pooling pads with -inf; average pooling with zeros that count in the mean, as PyTorch's default
      // (count_include_pad=True), which TensorFlow's SAME padding would leave out of the mean.
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}),
          tf.constant(max ? Float.NEGATIVE_INFINITY : 0f));
      mode = "VALID";
    }
    Operand<TFloat32> y;
    if (max) {
      y = tf.nn.maxPool(x, tf.constant(new int[] {1, size, size, 1}), tf.constant(new int[] {1, stride, stride, 1}),
          mode);
    } else {
      y = tf.nn.avgPool(x, List.of(1L, (long) size, (long) size, 1L), List.of(1L, (long) stride, (long) stride, 1L),
          mode);
    }
    net.record(String.format("%s(%d×%d, stride %d%s)", max ? "MaxPool2d" : "AvgPool2d", size, size, stride,
        padding == 0 ? "" : ", padding " + padding), y, 0);
    return y;
  }
}
