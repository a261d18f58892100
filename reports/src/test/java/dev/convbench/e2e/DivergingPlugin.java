package dev.convbench.e2e;

import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A plugin whose loss is not finite from the first step (its logits are scaled by infinity). */
public final class DivergingPlugin implements ArchitecturePlugin {

  @Override
  public String name() {
    return "diverging-fixture";
  }

  @Override
  public String description() {
    return "test fixture whose loss is infinite";
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    Operand<TFloat32> logits = net.apply("head", images, globalAvgPool(), dense(net.classes()));
    return net.tf().math.mul(logits, net.tf().constant(Float.POSITIVE_INFINITY));
  }
}
