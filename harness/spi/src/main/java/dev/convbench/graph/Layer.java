package dev.convbench.graph;

import dev.convbench.spi.Stable;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One step of a network: a leaf layer (convolution, batch norm, activation…) or a block composed of layers.
 *
 * <p>Layers are immutable descriptions; {@link Network#apply} gives each one a name in the current scope and calls
 * {@link #apply(Network, Operand)} with a child {@link Network} scoped to that name. Leaf layers create their
 * variables through that child and {@link Network#record record} one line of the structure summary; blocks simply
 * apply other layers.
 */
@Stable
public interface Layer {

  /** Builds the layer's ops on {@code x} and returns its output. */
  Operand<TFloat32> apply(Network net, Operand<TFloat32> x);

  /** Short kind used to name unnamed layers in a scope: {@code conv} gives conv1, conv2, … */
  String kind();
}
