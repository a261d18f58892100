package dev.convbench.graph;

import dev.convbench.spi.Stable;
import java.util.List;

/**
 * One line of a network's structure, as {@code convbench describe} prints it.
 *
 * @param name scoped layer name, e.g. {@code layer2/0/conv1}
 * @param op what the layer computes, e.g. {@code Conv2d(64→128, 3×3, stride 2, padding 1, bias=false)}
 * @param outputShape output shape in NHWC order with {@code -1} for the batch dimension
 * @param parameters trainable parameters the layer owns
 * @param macs multiply-accumulates per image (convolutions and fully connected layers; 0 for the rest)
 */
@Stable
public record LayerInfo(String name, String op, List<Long> outputShape, long parameters, long macs) {

  /** A layer without multiply-accumulates (activation, pooling, normalisation…). */
  public LayerInfo(String name, String op, List<Long> outputShape, long parameters) {
    this(name, op, outputShape, parameters, 0);
  }
}
