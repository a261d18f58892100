package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.plugins.blocks.Blocks.depthwiseSeparable;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Seed 002's MobileNet v1, layer for layer: a 3×3 stem convolution with stride 2 (32 channels, no bias), batch norm
 * and ReLU; 13 depthwise-separable blocks (3×3 depthwise convolution, 1×1 pointwise convolution, <em>one</em> batch
 * norm, ReLU — the seed's block; the MobileNet paper also normalises after the depthwise convolution) with the seed's
 * (channels, stride) list; global average pooling and a fully connected 1024→10 layer. On 32×32 images the stem and
 * the four stride-2 blocks bring the maps to 1×1. 3,207,306 trainable parameters, as the seed's code in PyTorch
 * ({@code ci/benchmarks/pytorch/classic_param_counts.py}).
 *
 * <p>{@code width-multiplier} α scales every layer's channels to {@code int(α · channels)}, as the MobileNet paper's
 * width multiplier: 818,762 parameters at 0.5, 213,162 at 0.25.
 */
public final class MobileNet implements ArchitecturePlugin {

  /** Seed 002's {@code cfg}: (out_channels, stride) of each depthwise-separable block. */
  private static final int[][] BLOCKS = {
      {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
      {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

  static final HyperParameter<Double> WIDTH_MULTIPLIER = HyperParameter.number("width-multiplier", 1.0,
      "scales every layer's channels (MobileNet's α), e.g. 0.5 or 0.25").range(0.25, 2);

  @Override
  public String name() {
    return "mobilenet";
  }

  @Override
  public String description() {
    return "MobileNet v1: 3×3/2 stem, 13 depthwise-separable blocks (32-1024 channels), global average pool";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(WIDTH_MULTIPLIER);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    double alpha = params.get(WIDTH_MULTIPLIER);
    Operand<TFloat32> x = net.apply("stem", images,
        conv(scaled(32, alpha), 3).stride(2).padding(1).noBias(), batchNorm(), relu());
    Network layers = net.child("layers");
    for (int[] block : BLOCKS) {
      x = layers.apply(x, depthwiseSeparable(scaled(block[0], alpha), block[1]));
    }
    return net.apply("head", x, globalAvgPool(), dense(net.classes()));
  }

  private static int scaled(int channels, double alpha) {
    return (int) (channels * alpha);
  }
}
