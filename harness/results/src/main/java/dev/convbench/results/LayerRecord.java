package dev.convbench.results;

import java.util.List;

/**
 * One layer of {@value ResultsLayout#STRUCTURE_FILE}, as {@code convbench describe} lists it.
 *
 * @param name scoped layer name, e.g. {@code layer2/0/conv1}
 * @param op what the layer computes, e.g. {@code Conv2d(64→128, 3×3, stride 2, padding 1, bias=false)}
 * @param outputShape output shape in NHWC order with {@code -1} for the batch dimension
 * @param parameters trainable parameters the layer owns
 * @param macs multiply-accumulates per image (0 for layers without)
 */
public record LayerRecord(String name, String op, List<Long> outputShape, long parameters, long macs) {}
