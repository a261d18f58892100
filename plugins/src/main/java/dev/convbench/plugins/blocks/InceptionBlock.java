package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Conv2d;
import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * GoogLeNet's Inception block (seed 001's {@code Inception}): four parallel branches on the same input, concatenated
 * along the channels; every branch keeps the resolution.
 * <ol>
 *   <li>1×1 conv to {@code c1}, ReLU;</li>
 *   <li>1×1 conv to {@code c2Reduce}, ReLU, 3×3 conv (padding 1) to {@code c2}, ReLU;</li>
 *   <li>1×1 conv to {@code c3Reduce}, ReLU, 5×5 conv (padding 2) to {@code c3}, ReLU;</li>
 *   <li>3×3 max pool (stride 1, padding 1), 1×1 conv to {@code c4}, ReLU.</li>
 * </ol>
 * All convolutions have a bias; {@link #withBatchNorm()} drops it and inserts a batch norm before each ReLU
 * (torchvision's {@code BasicConv2d}, as in seed 004's Inception v3 printout).
 */
public final class InceptionBlock implements Layer {

  /**
   * Output channels of the four branches, in seed 001's order {@code Inception(in_c, c1, (c2Reduce, c2),
   * (c3Reduce, c3), c4)}.
   */
  public record Plan(int c1, int c2Reduce, int c2, int c3Reduce, int c3, int c4) {

    public Plan {
      if (c1 < 1 || c2Reduce < 1 || c2 < 1 || c3Reduce < 1 || c3 < 1 || c4 < 1) {
        throw new IllegalArgumentException("inception channels must be >= 1: " + this);
      }
    }

    /** Channels of the block's output: {@code c1 + c2 + c3 + c4}. */
    public int outputChannels() {
      return c1 + c2 + c3 + c4;
    }
  }

  private final Plan plan;
  private final boolean batchNorm;

  InceptionBlock(Plan plan, boolean batchNorm) {
    if (plan == null) {
      throw new IllegalArgumentException("inception block needs a channel plan");
    }
    this.plan = plan;
    this.batchNorm = batchNorm;
  }

  /** The same block with conv (no bias) + batch norm + ReLU units. */
  public InceptionBlock withBatchNorm() {
    return new InceptionBlock(plan, true);
  }

  public Plan plan() {
    return plan;
  }

  @Override
  public String kind() {
    return "inception";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    List<Operand<TFloat32>> branches = List.of(
        net.apply("branch1", x, unit(plan.c1(), 1)),
        net.apply("branch2", x, join(unit(plan.c2Reduce(), 1), unit(plan.c2(), 3))),
        net.apply("branch3", x, join(unit(plan.c3Reduce(), 1), unit(plan.c3(), 5))),
        net.apply("branch4", x, join(new Layer[] {maxPool(3, 1).padding(1)}, unit(plan.c4(), 1))));
    Operand<TFloat32> y = net.tf().concat(branches, net.tf().constant(3));
    net.child("concat").record(String.format("Concat(%d+%d+%d+%d → %d)", plan.c1(), plan.c2(), plan.c3(), plan.c4(),
        plan.outputChannels()), y, 0);
    return y;
  }

  /** A {@code kernel}×{@code kernel} convolution keeping the resolution, [batch norm,] ReLU. */
  private Layer[] unit(int channels, int kernel) {
    Conv2d c = conv(channels, kernel).padding((kernel - 1) / 2);
    return batchNorm ? new Layer[] {c.noBias(), batchNorm(), relu()} : new Layer[] {c, relu()};
  }

  private static Layer[] join(Layer[] a, Layer[] b) {
    List<Layer> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(Layer[]::new);
  }
}
