package dev.convbench.graph;

/**
 * The layer toolkit: static factories for every layer, to import statically so that an architecture reads like
 * its diagram. Each layer is written once here and shared by all plugins.
 */
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
}
