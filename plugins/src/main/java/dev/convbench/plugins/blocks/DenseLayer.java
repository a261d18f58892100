package dev.convbench.plugins.blocks;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * DenseNet-B's bottleneck layer: BN, ReLU, 1×1 conv to {@code bottleneck·growth} channels, BN, ReLU, 3×3 conv
 * (padding 1) to {@code growth} channels, both convs without bias; the new maps are concatenated with the input, so
 * the output has {@code growth} more channels than the input.
 *
 * <p>The concatenation order only permutes channels, but it is kept as in each seed: input first (seed 003, the
 * DenseNet paper's code; the default) or new maps first (seed 002's {@code Bottleneck}, {@link #newFeaturesFirst()}).
 */
public final class DenseLayer implements Layer {

  private final int growth;
  private final int bottleneck;
  private final boolean newFeaturesFirst;

  DenseLayer(int growth, int bottleneck, boolean newFeaturesFirst) {
    if (growth < 1 || bottleneck < 1) {
      throw new IllegalArgumentException("invalid dense layer: growth=" + growth + " bottleneck=" + bottleneck
          + " (both must be >= 1)");
    }
    this.growth = growth;
    this.bottleneck = bottleneck;
    this.newFeaturesFirst = newFeaturesFirst;
  }

  /** Same layer whose 1×1 conv has {@code factor·growth} channels (4 by default, as in both seeds). */
  public DenseLayer bottleneck(int factor) {
    return new DenseLayer(growth, factor, newFeaturesFirst);
  }

  /** Same layer that puts its new maps before its input in the concatenation (seed 002). */
  public DenseLayer newFeaturesFirst() {
    return new DenseLayer(growth, bottleneck, true);
  }

  public int growth() {
    return growth;
  }

  @Override
  public String kind() {
    return "denselayer";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Operand<TFloat32> fresh = net.apply(x,
        batchNorm(), relu(), conv(bottleneck * growth, 1).noBias(),
        batchNorm(), relu(), conv(growth, 3).padding(1).noBias());
    List<Operand<TFloat32>> parts = newFeaturesFirst ? List.of(fresh, x) : List.of(x, fresh);
    Operand<TFloat32> y = net.tf().concat(parts, net.tf().constant(3));
    net.child("concat").record(String.format("Concat(%d+%d → %d)", parts.get(0).shape().get(3),
        parts.get(1).shape().get(3), y.shape().get(3)), y, 0);
    return y;
  }
}
