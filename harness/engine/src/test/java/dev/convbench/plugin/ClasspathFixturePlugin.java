package dev.convbench.plugin;

import dev.convbench.graph.Network;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A plugin on the test classpath, registered in {@code src/test/resources/META-INF/services}, so discovery tests have
 * a known classpath plugin. It is only ever discovered, never trained.
 */
public final class ClasspathFixturePlugin implements ArchitecturePlugin {

  /** The name tests look for (and that duplicate tests reuse in a jar). */
  public static final String NAME = "classpath-fixture";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "test fixture for plugin discovery; not trainable";
  }

  @Override
  public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
    throw new UnsupportedOperationException(NAME + " is a discovery test fixture and builds no network");
  }
}
