package dev.convbench.plugins.blocks;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * DenseNet's dense block: {@code layers} {@link DenseLayer}s in sequence, each reading the concatenation of the
 * block's input and every earlier layer's maps; the output has {@code layers·growth} more channels than the input.
 */
public final class DenseBlock implements Layer {

  private final int layers;
  private final DenseLayer layer;

  DenseBlock(int layers, DenseLayer layer) {
    if (layers < 1) {
      throw new IllegalArgumentException("a dense block needs at least one layer: " + layers);
    }
    this.layers = layers;
    this.layer = Objects.requireNonNull(layer);
  }

  /** Same block whose layers' 1×1 convs have {@code factor·growth} channels (4 by default). */
  public DenseBlock bottleneck(int factor) {
    return new DenseBlock(layers, layer.bottleneck(factor));
  }

  /** Same block whose layers put their new maps before their input (seed 002). */
  public DenseBlock newFeaturesFirst() {
    return new DenseBlock(layers, layer.newFeaturesFirst());
  }

  @Override
  public String kind() {
    return "denseblock";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    for (int i = 0; i < layers; i++) {
      x = net.apply(x, layer);
    }
    return x;
  }
}
