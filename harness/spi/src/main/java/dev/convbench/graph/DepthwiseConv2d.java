package dev.convbench.graph;

import dev.convbench.spi.Stable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise 2-D convolution: one {@code kernel}×{@code kernel} filter per input channel, so as many outputs as
 * inputs (PyTorch's {@code Conv2d(c, c, k, groups=c)}). PyTorch-style integer padding and optional bias. Immutable;
 * configure with the fluent methods, e.g. {@code depthwiseConv(3).stride(2).padding(1).noBias()}.
 */
@Stable
public final class DepthwiseConv2d implements Layer {

  private final int kernel;
  private final int stride;
  private final int padding;
  private final boolean bias;

  DepthwiseConv2d(int kernel, int stride, int padding, boolean bias) {
    if (kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
      throw new IllegalArgumentException("invalid depthwise conv: kernel=" + kernel + " stride=" + stride
          + " padding=" + padding + " (need kernel, stride >= 1 and 0 <= padding < kernel)");
    }
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.bias = bias;
  }

  public DepthwiseConv2d stride(int s) {
    return new DepthwiseConv2d(kernel, s, padding, bias);
  }

  public DepthwiseConv2d padding(int p) {
    return new DepthwiseConv2d(kernel, stride, p, bias);
  }

  /** Without a bias, e.g. before batch norm. */
  public DepthwiseConv2d noBias() {
    return new DepthwiseConv2d(kernel, stride, padding, false);
  }

  @Override
  public String kind() {
    return "dwconv";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    long channels = x.shape().get(3);
    Shape kernelShape = Shape.of(kernel, kernel, channels, 1);
    // PyTorch's fan-in of a grouped convolution: in/groups · k · k = k · k here.
    long fanIn = (long) kernel * kernel;
    Operand<TFloat32> w = net.weight("kernel", kernelShape, Initializers.uniformFanIn(fanIn));
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    Operand<TFloat32> y;
    if (padding == 0) {
      y = tf.nn.depthwiseConv2dNative(x, w, strides, "VALID");
    } else if (stride == 1 && 2 * padding == kernel - 1) {
      y = tf.nn.depthwiseConv2dNative(x, w, strides, "SAME");
    } else {
      // TensorFlow's SAME pads stride-2 layers asymmetrically; PyTorch pads both sides equally.
      Operand<TFloat32> padded = tf.pad(x,
          tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}), tf.constant(0f));
      y = tf.nn.depthwiseConv2dNative(padded, w, strides, "VALID");
    }
    long params = kernelShape.size();
    if (bias) {
      y = tf.nn.biasAdd(y, net.weight("bias", Shape.of(channels), Initializers.uniformFanIn(fanIn)));
      params += channels;
    }
    long macs = y.shape().get(1) * y.shape().get(2) * channels * (long) kernel * kernel; // one input channel each
    net.record(String.format("Conv2d(%d→%d, %d×%d, stride %d, padding %d, groups %d%s)", channels, channels, kernel,
        kernel, stride, padding, channels, bias ? "" : ", bias=false"), y, params, macs);
    return y;
  }
}
