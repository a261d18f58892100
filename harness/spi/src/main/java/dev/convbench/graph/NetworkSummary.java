package dev.convbench.graph;

import dev.convbench.spi.Internal;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A network's structure, layer by layer, with output shapes and parameter counts: what {@code convbench describe}
 * prints (PyTorch's {@code print(net)} plus shapes). Built from the plugin's real graph in inference mode; no session
 * is run.
 *
 * @param architecture plugin name
 * @param hyperParameters the values it was built with
 * @param layers one entry per leaf layer, in build order
 * @param parameters total trainable parameters (counted from the variables, not from the layer lines)
 */
@Internal
public record NetworkSummary(String architecture, java.util.Map<String, Object> hyperParameters,
    List<LayerInfo> layers, long parameters) {

  /** Multiply-accumulates per image of one forward pass: the sum over the layers (FLOPs ≈ 2 × MACs). */
  public long macs() {
    return layers.stream().mapToLong(LayerInfo::macs).sum();
  }

  /** Builds the plugin on a {@code [batch, 32, 32, 3]} input and summarises it. */
  public static NetworkSummary of(ArchitecturePlugin plugin, HyperParameters params, int classes) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      VariableStore variables = new VariableStore(tf, 0);
      Operand<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3)));
      Network net = new Network(tf.withSubScope("model"), false, classes, variables);
      Operand<TFloat32> logits = plugin.logits(net, input, params);
      if (logits.shape().numDimensions() != 2 || logits.shape().get(1) != classes) {
        throw new IllegalStateException(plugin.name() + " returned logits of shape " + logits.shape());
      }
      return new NetworkSummary(plugin.name(), params.asMap(), net.summary(), variables.trainableParameterCount());
    }
  }
}
