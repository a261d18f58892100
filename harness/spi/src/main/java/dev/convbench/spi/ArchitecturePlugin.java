package dev.convbench.spi;

import dev.convbench.graph.Network;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A CNN architecture that convbench can train and compare.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.convbench.spi.ArchitecturePlugin} of your jar and drop the jar into the plugin
 * directory ({@code --plugins DIR}, env {@code CONVBENCH_PLUGINS}, default {@code ./plugins.d}). A plugin needs a
 * public no-argument constructor and must be stateless: the harness may call {@link #logits} several times on one
 * instance, for different graphs and threads.
 *
 * <p>Contracts:
 * <ul>
 *   <li>{@link #name()} is stable across releases: experiment files and stored results refer to it.</li>
 *   <li>{@link #logits} builds the network with the layer toolkit of {@link Network} only (all variables must be
 *       created through it, so the harness can count, initialise, reuse and report them). It is called once with
 *       {@link Network#training()} {@code true} and once with {@code false} on the same graph; the second call
 *       reuses the first call's variables by name, so it must create the same layers in the same order.</li>
 *   <li>Hyper-parameters arrive already validated against {@link #hyperParameters()}, defaults filled in; read
 *       them with the declared {@link HyperParameter} constants ({@code params.get(DEPTH)}).</li>
 * </ul>
 */
@Stable
public interface ArchitecturePlugin {

  /** Stable identifier used in experiment files, e.g. {@code resnet18}: lower case, digits and '-'. */
  String name();

  /** One line shown by {@code convbench list}. */
  String description();

  /**
   * The hyper-parameters this architecture accepts, with types and defaults: the keys {@link #logits} reads its
   * {@link HyperParameters} with. None by default.
   */
  default List<HyperParameter<?>> hyperParameters() {
    return List.of();
  }

  /**
   * Builds the network and returns its logits.
   *
   * @param net the builder context: layer toolkit, training/inference switch, naming scopes, variables
   * @param images a float batch in NHWC layout, {@code [batch, 32, 32, 3]}, already normalised
   * @param params validated hyper-parameter values
   * @return logits of shape {@code [batch, classes]} where {@code classes = net.classes()}
   */
  Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params);
}
