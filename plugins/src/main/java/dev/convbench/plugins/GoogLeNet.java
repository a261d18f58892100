package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.plugins.blocks.Blocks.inception;

import dev.convbench.graph.Conv2d;
import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import dev.convbench.plugins.blocks.InceptionBlock;
import dev.convbench.plugins.blocks.InceptionBlock.Plan;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * GoogLeNet with seed 001's Inception blocks and channel plan (3a … 5b, c1 / (c2 reduce, c2) / (c3 reduce, c3) / c4),
 * with a stem for 32×32 images.
 *
 * <pre>
 * stem:  conv 64·3×3 (pad 1), ReLU, conv 64·1×1, ReLU, conv 192·3×3 (pad 1), ReLU, max pool 3/2 (pad 1)  32 → 16
 * 3:     3a (64, 96→128, 16→32, 32), 3b (128, 128→192, 32→96, 64), max pool 3/2 (pad 1)                  16 → 8
 * 4:     4a (192, 96→208, 16→48, 64), 4b (160, 112→224, 24→64, 64), 4c (128, 128→256, 24→64, 64),
 *        4d (112, 144→288, 32→64, 64), 4e (256, 160→320, 32→128, 128), max pool 3/2 (pad 1)              8 → 4
 * 5:     5a (256, 160→320, 32→128, 128), 5b (384, 192→384, 48→128, 128), global average pool, fc 1024→10
 * </pre>
 *
 * <p>Stem for 32×32: the seed's {@code b1} (7×7 conv with stride 2, then a 3×3/2 max pool) divides a 224×224 image
 * by 4 before {@code b2} (1×1 conv 64, 3×3 conv 192, 3×3/2 max pool) halves it again, so the Inception blocks run at
 * 28, 14 and 7 pixels. Dividing 32 by 8 would leave 4, 2 and 1; here {@code b1} is a single 3×3 convolution with
 * stride 1, and {@code b2} is the seed's, so the blocks run at 16, 8 and 4 pixels. The seed's {@code b2} has no
 * activation between its convolutions (the GoogLeNet paper and the book the seed follows have one); this stem puts a
 * ReLU after each convolution, which adds no parameter. Blocks, pools, global average pool and classifier are the
 * seed's. 5,976,122 trainable parameters, 5,849,136 of them in the nine Inception blocks (the same network in
 * PyTorch, {@code ci/benchmarks/pytorch/classic_param_counts.py}).
 *
 * <p>{@code batch-norm: true} makes every convolution (stem and branches) a bias-free convolution followed by batch
 * norm, torchvision's {@code BasicConv2d}: 5,983,402 parameters.
 */
public final class GoogLeNet implements ArchitecturePlugin {

  static final HyperParameter<Boolean> BATCH_NORM = HyperParameter.bool("batch-norm", false,
      "batch norm after every convolution (convolutions then have no bias)");

  static final List<Plan> STAGE3 = List.of(
      new Plan(64, 96, 128, 16, 32, 32),
      new Plan(128, 128, 192, 32, 96, 64));
  static final List<Plan> STAGE4 = List.of(
      new Plan(192, 96, 208, 16, 48, 64),
      new Plan(160, 112, 224, 24, 64, 64),
      new Plan(128, 128, 256, 24, 64, 64),
      new Plan(112, 144, 288, 32, 64, 64),
      new Plan(256, 160, 320, 32, 128, 128));
  static final List<Plan> STAGE5 = List.of(
      new Plan(256, 160, 320, 32, 128, 128),
      new Plan(384, 192, 384, 48, 128, 128));

  @Override
  public String name() {
    return "googlenet";
  }

  @Override
  public String description() {
    return "GoogLeNet: 3×3 stem, 9 Inception blocks (3a-5b, 4 branches concatenated), global average pool";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(BATCH_NORM);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    boolean bn = params.get(BATCH_NORM);
    Network stem = net.child("stem");
    Operand<TFloat32> x = stem.apply(images, unit(conv(64, 3).padding(1), bn));
    x = stem.apply(x, unit(conv(64, 1), bn));
    x = stem.apply(x, unit(conv(192, 3).padding(1), bn));
    x = stem.apply(x, maxPool(3, 2).padding(1));
    x = stage(net.child("inception3"), x, STAGE3, bn, maxPool(3, 2).padding(1));
    x = stage(net.child("inception4"), x, STAGE4, bn, maxPool(3, 2).padding(1));
    x = stage(net.child("inception5"), x, STAGE5, bn);
    return net.apply("head", x, globalAvgPool(), dense(net.classes()));
  }

  /** Inception blocks with the given plans, then the {@code tail} layers, in the scope {@code stage}. */
  private static Operand<TFloat32> stage(Network stage, Operand<TFloat32> x, List<Plan> plans, boolean bn,
      Layer... tail) {
    for (Plan plan : plans) {
      InceptionBlock block = inception(plan);
      x = stage.apply(x, bn ? block.withBatchNorm() : block);
    }
    return stage.apply(x, tail);
  }

  private static Layer[] unit(Conv2d conv, boolean bn) {
    return bn ? new Layer[] {conv.noBias(), batchNorm(), relu()} : new Layer[] {conv, relu()};
  }
}
