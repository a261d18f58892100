package dev.convbench.graph;

import dev.convbench.spi.Stable;

/**
 * The layer toolkit: static factories for the generic layers and blocks, to import statically so that an
 * architecture reads like its diagram. Each is written once here and shared by all plugins; a block that belongs to
 * one architecture lives with its plugin and is composed from these, as a {@link Layer}.
 */
@Stable
public final class Layers {

  private Layers() {}

  /** {@code filters} convolutions of {@code kernel}×{@code kernel}, stride 1, no padding, with bias. */
  public static Conv2d conv(int filters, int kernel) {
    return new Conv2d(filters, kernel, 1, 0, true);
  }

  public static BatchNorm batchNorm() {
    return new BatchNorm();
  }

  public static Layer relu() {
    return Activation.RELU;
  }

  public static Layer sigmoid() {
    return Activation.SIGMOID;
  }

  /** Max pooling over {@code size}×{@code size} windows with stride {@code size}. */
  public static Pool2d maxPool(int size) {
    return new Pool2d(true, size, size, 0);
  }

  public static Pool2d maxPool(int size, int stride) {
    return new Pool2d(true, size, stride, 0);
  }

  /** Average pooling over {@code size}×{@code size} windows with stride {@code size}. */
  public static Pool2d avgPool(int size) {
    return new Pool2d(false, size, size, 0);
  }

  public static Pool2d avgPool(int size, int stride) {
    return new Pool2d(false, size, stride, 0);
  }

  public static Layer globalAvgPool() {
    return Reshaping.GLOBAL_AVG_POOL;
  }

  public static Layer flatten() {
    return Reshaping.FLATTEN;
  }

  public static Dense dense(int units) {
    return new Dense(units);
  }

  public static Dropout dropout(double rate) {
    return new Dropout(rate);
  }

  /** ResNet basic block with {@code channels} outputs; {@code stride} 2 halves the resolution. */
  public static ResidualBlock residualBlock(int channels, int stride) {
    return new ResidualBlock(channels, stride, true);
  }

  /**
   * Squeeze-and-Excitation: global average pool, fc C→C/{@code reduction}, ReLU, fc back to C, sigmoid, channel
   * scaling. {@code .withConvolutions()} writes the two fc layers as 1×1 convs (same function and parameters).
   */
  public static SqueezeExcitation squeezeExcitation(int reduction) {
    return new SqueezeExcitation(reduction, false);
  }

  /** Depthwise {@code kernel}×{@code kernel} convolution (one filter per channel), stride 1, no padding, with bias. */
  public static DepthwiseConv2d depthwiseConv(int kernel) {
    return new DepthwiseConv2d(kernel, 1, 0, true);
  }
}
