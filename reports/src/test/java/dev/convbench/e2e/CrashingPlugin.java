package dev.convbench.e2e;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A plugin whose network cannot be built: its runs must fail alone, without stopping the matrix. */
public final class CrashingPlugin implements ArchitecturePlugin {

  @Override
  public String name() {
    return "crashing-fixture";
  }

  @Override
  public String description() {
    return "test fixture that throws while building";
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    throw new IllegalStateException("this plugin always crashes");
  }
}
