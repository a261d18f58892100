package dev.convbench.plugins;

import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.dropout;
import static dev.convbench.graph.Layers.flatten;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * AlexNet as seed 001 writes it (Dive into Deep Learning's single-stream AlexNet: 96-256-384-384-256 channels, no
 * LRN), scaled to 32×32 CIFAR-10 images.
 *
 * <pre>
 * conv 96·5×5 (stride 1, pad 2), ReLU, max pool 3/2   32×32 → 15×15
 * conv 256·5×5 (pad 2), ReLU, max pool 3/2            15×15 → 7×7
 * conv 384·3×3, ReLU, conv 384·3×3, ReLU, conv 256·3×3, ReLU (pad 1), max pool 3/2   7×7 → 3×3
 * fc 2304→4096, ReLU, dropout 0.5, fc 4096→4096, ReLU, dropout 0.5, fc 4096→10
 * </pre>
 *
 * <p>Choices for 32×32: the seed's first layer, an 11×11 convolution with stride 4 made for 224×224 inputs, would
 * leave 6×6 maps here and nothing for the three overlapping 3×3/2 max pools; it becomes a 5×5 convolution with
 * stride 1 and padding 2 (still the largest kernel of the network, and the same size as the second one). Everything
 * after it is the seed's, layer for layer: the second convolution, the three 3×3 convolutions, the three max pools,
 * and the two wide fully connected layers with dropout 0.5; only the flattened features shrink, 256·3·3 = 2304 instead
 * of 256·5·5 = 6400. Defaults: 29,983,114 trainable parameters (the same network in PyTorch, see
 * {@code ci/benchmarks/pytorch/classic_param_counts.py}), 88 % of them in the fully connected layers, as in AlexNet.
 *
 * <p>Options: {@code width} is the number of units of the two hidden fully connected layers (AlexNet's 4096;
 * {@code width: 1024} gives 7,139,722 parameters), {@code dropout} their dropout rate.
 */
public final class AlexNet implements ArchitecturePlugin {

  static final HyperParameter<Integer> WIDTH = HyperParameter.integer("width", 4096,
      "units of each of the two hidden fully connected layers").range(16, 8192);
  static final HyperParameter<Double> DROPOUT = HyperParameter.number("dropout", 0.5,
      "dropout rate after each hidden fully connected layer").range(0, 0.9);

  @Override
  public String name() {
    return "alexnet";
  }

  @Override
  public String description() {
    return "AlexNet for 32×32: 5 convs (96-256-384-384-256), 3 max pools, fc 4096-4096-10 with dropout";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(WIDTH, DROPOUT);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    int width = params.get(WIDTH);
    double rate = params.get(DROPOUT);
    Operand<TFloat32> x = net.apply("features", images,
        conv(96, 5).padding(2), relu(), maxPool(3, 2),
        conv(256, 5).padding(2), relu(), maxPool(3, 2),
        conv(384, 3).padding(1), relu(),
        conv(384, 3).padding(1), relu(),
        conv(256, 3).padding(1), relu(), maxPool(3, 2));
    return net.apply("classifier", x,
        flatten(),
        dense(width), relu(), dropout(rate),
        dense(width), relu(), dropout(rate),
        dense(net.classes()));
  }
}
