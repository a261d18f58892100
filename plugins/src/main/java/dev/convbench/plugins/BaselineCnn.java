package dev.convbench.plugins;

import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
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
 * The course reports' starting network (seed 002, the PyTorch CIFAR-10 tutorial's CNN): two 5×5 convolutions with
 * max pooling, then three fully connected layers. 62,006 trainable parameters.
 *
 * <p>{@code padding: 2} pads the first convolution by 2 pixels, which gives seed 000's variant: the second pooling
 * leaves 6×6 instead of 5×5 maps, so the first fully connected layer reads 576 features instead of 400 (83,126
 * parameters).
 */
public final class BaselineCnn implements ArchitecturePlugin {

  static final HyperParameter<Integer> PADDING = HyperParameter.integer("padding", 0,
      "zero padding of the first 5×5 convolution: 0 as in the PyTorch tutorial, 2 for the course reports' padded "
          + "variant (fc 576→120)").range(0, 2);

  @Override
  public String name() {
    return "baseline-cnn";
  }

  @Override
  public String description() {
    return "Plain CNN of the course reports (the PyTorch CIFAR-10 tutorial's): conv 6·5×5, pool, conv 16·5×5, "
        + "pool, fc 120-84-10";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return List.of(PADDING);
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    Operand<TFloat32> x = net.apply("features", images,
        conv(6, 5).padding(params.get(PADDING)), relu(), maxPool(2),
        conv(16, 5), relu(), maxPool(2));
    return net.apply("classifier", x,
        flatten(), dense(120), relu(), dense(84), relu(), dense(net.classes()));
  }
}
