package dev.convbench.graph;

import dev.convbench.spi.Stable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution with a square kernel, PyTorch-style integer padding and optional bias. Immutable; configure with
 * the fluent methods, e.g. {@code conv(64, 3).stride(2).padding(1).noBias()}. Input channels come from the input.
 */
@Stable
public final class Conv2d implements Layer {

  private final int filters;
  private final int kernel;
  private final int stride;
  private final int padding;
  private final boolean bias;

  Conv2d(int filters, int kernel, int stride, int padding, boolean bias) {
    if (filters < 1 || kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
      throw new IllegalArgumentException("invalid conv: filters=" + filters + " kernel=" + kernel + " stride="
          + stride + " padding=" + padding + " (need filters, kernel, stride >= 1 and 0 <= padding < kernel)");
    }
    this.filters = filters;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.bias = bias;
  }

  public Conv2d stride(int s) {
    return new Conv2d(filters, kernel, s, padding, bias);
  }

  public Conv2d padding(int p) {
    return new Conv2d(filters, kernel, stride, p, bias);
  }

  /** Without a bias: the usual choice before batch norm, whose offset makes a bias redundant. */
  public Conv2d noBias() {
    return new Conv2d(filters, kernel, stride, padding, false);
  }

  @Override
  public String kind() {
    return "conv";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    long in = x.shape().get(3);
    Shape kernelShape = Shape.of(kernel, kernel, in, filters);
    long fanIn = Initializers.fanIn(kernelShape);
    Operand<TFloat32> w = net.weight("kernel", kernelShape, Initializers.uniformFanIn(fanIn));
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    Operand<TFloat32> y;
    if (padding == 0) {
      y = tf.nn.conv2d(x, w, strides, "VALID");
    } else if (stride == 1 && 2 * padding == kernel - 1) {
      y = tf.nn.conv2d(x, w, strides, "SAME"); // same result as explicit padding, without copying the input
    } else {
      Operand<TFloat32> padded = tf.pad(x,
          tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}), tf.constant(0f));
      y = tf.nn.conv2d(padded, w, strides, "VALID");
    }
    long params = kernelShape.size();
    if (bias) {
      y = tf.nn.biasAdd(y, net.weight("bias", Shape.of(filters), Initializers.uniformFanIn(fanIn)));
      params += filters;
    }
    long macs = y.shape().get(1) * y.shape().get(2) * filters * (long) kernel * kernel * in;
    net.record(String.format("Conv2d(%d→%d, %d×%d, stride %d, padding %d%s)", in, filters, kernel, kernel, stride,
        padding, bias ? "" : ", bias=false"), y, params, macs);
    return y;
  }
}
