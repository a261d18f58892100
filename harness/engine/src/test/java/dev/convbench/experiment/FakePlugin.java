package dev.convbench.experiment;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** An architecture that only carries a name and hyper-parameters: validation never builds a graph. */
final class FakePlugin implements ArchitecturePlugin {

  /** The architectures the tests' experiment files may use. */
  static final List<ArchitecturePlugin> ALL = List.of(
      new FakePlugin("baseline-cnn"),
      new FakePlugin("resnet",
          HyperParameter.integer("depth", 18, "layers").oneOf(18, 34, 50),
          HyperParameter.number("width", 1.0, "channel multiplier").range(0.25, 4),
          HyperParameter.integerList("widths", List.of(16, 32, 64), "channels per stage").range(1, 1024),
          HyperParameter.string("activation", "relu", "non-linearity").oneOf("relu", "gelu", "Swish"),
          HyperParameter.bool("pre-activation", false, "batch norm before the convolution")),
      new FakePlugin("vgg11"));

  private final String name;
  private final List<HyperParameter<?>> hyperParameters;

  FakePlugin(String name, HyperParameter<?>... hyperParameters) {
    this.name = name;
    this.hyperParameters = List.of(hyperParameters);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "test double";
  }

  @Override
  public List<HyperParameter<?>> hyperParameters() {
    return hyperParameters;
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    throw new UnsupportedOperationException("test double: no graph");
  }
}
