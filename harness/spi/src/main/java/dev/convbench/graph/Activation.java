package dev.convbench.graph;

import dev.convbench.spi.Stable;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Element-wise activation functions. */
@Stable
public enum Activation implements Layer {
  RELU("relu", "ReLU"),
  SIGMOID("sigmoid", "Sigmoid");

  private final String kind;
  private final String display;

  Activation(String kind, String display) {
    this.kind = kind;
    this.display = display;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Operand<TFloat32> y = switch (this) {
      case RELU -> net.tf().nn.relu(x);
      case SIGMOID -> net.tf().math.sigmoid(x);
    };
    net.record(display + "()", y, 0);
    return y;
  }
}
