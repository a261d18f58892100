package dev.convbench.graph;

import dev.convbench.spi.Stable;
/**
 * The layer toolkit: static factories for every layer, to import statically so that an architecture reads like
 * its diagram. Each layer is written once here and shared by all plugins.
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

  /** DenseNet bottleneck layer: BN-ReLU-1×1 conv (4·growth)-BN-ReLU-3×3 conv (growth), concatenated to its input. */
  public static DenseLayer denseLayer(int growth) {
    return new DenseLayer(growth, 4, false);
  }

  /** DenseNet dense block of {@code layers} bottleneck layers, each adding {@code growth} channels. */
  public static DenseBlock denseBlock(int layers, int growth) {
    return new DenseBlock(layers, denseLayer(growth));
  }

  /** DenseNet transition: BN, ReLU, 1×1 conv to floor(C·{@code compression}) channels, 2×2 average pool. */
  public static Transition transition(double compression) {
    return new Transition(compression);
  }

  /** Res2Net block (seed 002) with {@code channels} outputs, its width split into {@code scales} groups. */
  public static Res2NetBlock res2NetBlock(int channels, int stride, int scales) {
    return new Res2NetBlock(channels, stride, scales);
  }

  /** Depthwise {@code kernel}×{@code kernel} convolution (one filter per channel), stride 1, no padding, with bias. */
  public static DepthwiseConv2d depthwiseConv(int kernel) {
    return new DepthwiseConv2d(kernel, 1, 0, true);
  }

  /** MobileNet v1 block of seed 002: 3×3 depthwise ({@code stride}), 1×1 pointwise to {@code channels}, BN, ReLU. */
  public static DepthwiseSeparableBlock depthwiseSeparable(int channels, int stride) {
    return new DepthwiseSeparableBlock(channels, stride);
  }

  /** GoogLeNet Inception block: four branches (1×1; 1×1→3×3; 1×1→5×5; max pool→1×1) concatenated. */
  public static InceptionBlock inception(InceptionBlock.Plan plan) {
    return new InceptionBlock(plan, false);
  }

  /** Network-in-Network block: a {@code kernel}×{@code kernel} conv and two 1×1 convs, each with ReLU. */
  public static NinBlock ninBlock(int channels, int kernel, int stride, int padding) {
    return new NinBlock(channels, kernel, stride, padding);
  }

  /** VGG block: {@code convs} 3×3 convs (padding 1) to {@code channels} with ReLU, then a 2×2 max pool. */
  public static VggBlock vggBlock(int convs, int channels) {
    return new VggBlock(convs, channels, false);
  }
}
