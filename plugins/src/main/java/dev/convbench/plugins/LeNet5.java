package dev.convbench.plugins;

import static dev.convbench.graph.Layers.batchNorm;
import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.flatten;
import static dev.convbench.graph.Layers.maxPool;
import static dev.convbench.graph.Layers.relu;
import static dev.convbench.graph.Layers.sigmoid;

import dev.convbench.graph.Layer;
import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Seed 001's LeNet, for 3-channel 32×32 input: conv 6·5×5, sigmoid, 2×2 max pool, conv 16·5×5, sigmoid, 2×2 max
 * pool, then fully connected 400→120→84→10 with sigmoid on the hidden layers. The seed reads 1×28×28
 * Fashion-MNIST images (fc 16·4·4 = 256→120); on CIFAR-10 the first convolution has 3 input channels and the maps
 * end at 5×5, so the first fully connected layer reads 16·5·5 = 400 features: 62,006 trainable parameters, the
 * same count as the baseline CNN, from which it differs only by its activation.
 *
 * <p>Options: {@code activation: relu} replaces every sigmoid; {@code batch-norm: true} is seed 001's batch-norm
 * version, with a batch norm between each convolution or hidden fully connected layer and its activation
 * (PyTorch's {@code BatchNorm2d(6)}, {@code BatchNorm2d(16)}, {@code BatchNorm1d(120)}, {@code BatchNorm1d(84)}:
 * 62,458 parameters).
 */
public final class LeNet5 implements ArchitecturePlugin {

  static final HyperParameter<String> ACTIVATION = HyperParameter.string("activation", "sigmoid",
      "activation after each conv and hidden fc layer").oneOf("sigmoid", "relu");
  static final HyperParameter<Boolean> BATCH_NORM = HyperParameter.bool("batch-norm", false,
      "batch norm before each activation (as in the course reports' batch-normalised LeNet)");

  @Override
  public String name() {
    return "lenet5";
  }

  @Override
  public String description() {
    return "LeNet-5: conv 6·5×5, sigmoid, pool, conv 16·5×5, sigmoid, pool, fc 120-84-10 with sigmoid";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(ACTIVATION, BATCH_NORM);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    Layer activation = params.get(ACTIVATION).equals("relu") ? relu() : sigmoid();
    boolean bn = params.get(BATCH_NORM);
    Operand<TFloat32> x = net.apply("features", images, normalisedBefore(activation, bn,
        conv(6, 5), activation, maxPool(2),
        conv(16, 5), activation, maxPool(2)));
    return net.apply("classifier", x, normalisedBefore(activation, bn,
        flatten(), dense(120), activation, dense(84), activation, dense(net.classes())));
  }

  /** {@code layers}, with a batch norm inserted before each occurrence of {@code activation} when {@code bn}. */
  private static Layer[] normalisedBefore(Layer activation, boolean bn, Layer... layers) {
    List<Layer> result = new ArrayList<>();
    for (Layer layer : layers) {
      if (bn && layer == activation) {
        result.add(batchNorm());
      }
      result.add(layer);
    }
    return result.toArray(Layer[]::new);
  }
}
