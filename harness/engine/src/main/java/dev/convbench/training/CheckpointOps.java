package dev.convbench.training;

import dev.convbench.graph.VariableStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Save and restore ops (TensorFlow's own SaveV2/RestoreV2, the tensor-bundle format of TensorFlow checkpoints) over
 * every variable of a training graph but the data set: weights, batch-norm moving statistics, optimizer slots and
 * counters, diagnostic accumulators. {@link Session#save} would write all variables, the images too (150 MB for
 * CIFAR-10), which are reloaded from their files instead. Variables are saved under their op names, so the model's
 * variables ({@code vars.…}) can also be restored into an inference-only graph for export.
 */
final class CheckpointOps {

  /** Scope of the data-set variables, which are left out. */
  private static final String DATA_SCOPE = "data/";

  private final Placeholder<TString> prefix;
  private final Op save;
  private final List<Op> restore = new ArrayList<>();

  /** Builds the ops; call after every variable of the graph exists. */
  CheckpointOps(Graph graph, Ops tf, VariableStore model) {
    List<GraphOperation> variables = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2") && !op.name().startsWith(DATA_SCOPE)) {
        variables.add(op);
      }
    }
    // By name: the same graph built again saves and restores in the same order.
    variables.sort(Comparator.comparing(GraphOperation::name));
    if (!variables.stream().map(GraphOperation::name).toList()
        .containsAll(model.all().values().stream().map(v -> v.op().name()).toList())) {
      throw new IllegalStateException("a model variable is missing from the checkpoint");
    }
    List<String> names = new ArrayList<>();
    List<Operand<?>> values = new ArrayList<>();
    List<Class<? extends TType>> types = new ArrayList<>();
    for (GraphOperation op : variables) {
      names.add(op.name());
      Output<?> value = op.output(0);
      values.add(value);
      types.add(value.type());
    }
    prefix = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    Operand<TString> tensorNames = tf.constant(StandardCharsets.UTF_8, names.toArray(String[]::new));
    Operand<TString> slices = tf.constant(StandardCharsets.UTF_8, names.stream().map(n -> "").toArray(String[]::new));
    save = tf.train.save(prefix, tensorNames, slices, values);
    Restore restored = tf.train.restore(prefix, tensorNames, slices, types);
    for (int i = 0; i < variables.size(); i++) {
      restore.add(assign(tf, variables.get(i).output(0), restored.tensors().get(i)));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Op assign(Ops tf, Output variable, Output value) {
    return tf.assign(variable, value);
  }

  void save(Session session, Path path) {
    try (TString p = TString.scalarOf(path.toString())) {
      session.runner().feed(prefix, p).addTarget(save).run().close();
    }
  }

  void restore(Session session, Path path) {
    try (TString p = TString.scalarOf(path.toString())) {
      Session.Runner runner = session.runner().feed(prefix, p);
      restore.forEach(runner::addTarget);
      runner.run().close();
    }
  }
}
