package dev.convbench.graph;

import dev.convbench.spi.Stable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** Fully connected layer on a {@code [batch, features]} input, with bias. */
@Stable
public final class Dense implements Layer {

  private final int units;

  Dense(int units) {
    if (units < 1) {
      throw new IllegalArgumentException("dense units must be >= 1: " + units);
    }
    this.units = units;
  }

  @Override
  public String kind() {
    return "fc";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 2) {
      throw new IllegalArgumentException(net.path() + ": dense layer needs a [batch, features] input, got "
          + x.shape() + " (add flatten() or globalAvgPool() first)");
    }
    long in = x.shape().get(1);
    Shape kernelShape = Shape.of(in, units);
    Network.Initializer init = Initializers.uniformFanIn(in);
    Operand<TFloat32> y = net.tf().nn.biasAdd(net.tf().linalg.matMul(x, net.weight("kernel", kernelShape, init)),
        net.weight("bias", Shape.of(units), init));
    net.record("Linear(" + in + "→" + units + ")", y, in * units + units, in * units);
    return y;
  }
}
