package dev.convbench.plugins.blocks;

/**
 * The blocks of the built-in architectures, to import statically next to {@link dev.convbench.graph.Layers} so that
 * an architecture still reads like its diagram. Each block belongs to one architecture (DenseNet's to both DenseNet
 * plugins) and is built from the plugin API's public toolkit alone, as a third-party plugin's blocks would be.
 */
public final class Blocks {

  private Blocks() {}

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

  /** Res2Net block (seed 002) with {@code channels} outputs, its width split into {@code scales} groups. */
  public static Res2NetBlock res2NetBlock(int channels, int stride, int scales) {
    return new Res2NetBlock(channels, stride, scales);
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

  /** MobileNet v1 block of seed 002: 3×3 depthwise ({@code stride}), 1×1 pointwise to {@code channels}, BN, ReLU. */
  public static DepthwiseSeparableBlock depthwiseSeparable(int channels, int stride) {
    return new DepthwiseSeparableBlock(channels, stride);
  }
}
