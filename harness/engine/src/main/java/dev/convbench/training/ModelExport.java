package dev.convbench.training;

import dev.convbench.graph.Network;
import dev.convbench.graph.VariableStore;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TType;
import org.tensorflow.proto.ConfigProto;

/**
 * Writes a trained network as a TensorFlow SavedModel that TensorFlow loads without convbench: an inference-only
 * graph of the network (batch norm on its moving averages, no dropout), its weights restored from a run's checkpoint,
 * and one serving signature. Nothing of the data set is in it.
 *
 * <p>Signature {@value #SIGNATURE} (tag {@code serve}): input {@value #INPUT}, {@code uint8 [n, 32, 32, 3]}, RGB
 * pixels height × width × channel as CIFAR-10 stores them (0–255); output {@value #OUTPUT}, {@code float32 [n, 10]}.
 * The normalisation the run trained with is part of the graph.
 */
public final class ModelExport {

  public static final String SIGNATURE = Signature.DEFAULT_KEY;
  public static final String INPUT = "images";
  public static final String OUTPUT = "logits";

  private ModelExport() {}

  /**
   * Exports the network {@code plugin} builds with {@code params}, with the weights of checkpoint {@code variables}
   * (a file-name prefix written by a training graph), into the new directory {@code target}.
   *
   * @param normalize whether the run standardised its inputs per channel
   * @throws IOException when the SavedModel cannot be written
   */
  public static void export(ArchitecturePlugin plugin, HyperParameters params, int classes, boolean normalize,
      Path variables, Path target) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      VariableStore store = new VariableStore(tf, 0); // the values come from the checkpoint, not from this seed
      Placeholder<TUint8> images = tf.withName(INPUT).placeholder(TUint8.class,
          Placeholder.shape(Shape.of(-1, 32, 32, 3)));
      Network net = new Network(tf.withSubScope("model"), false, classes, store);
      Operand<TFloat32> logits = tf.withName(OUTPUT).identity(plugin.logits(net,
          Augmentation.toFloat(tf, images, normalize), params));
      // Restore by the variables' op names, which the training graph used as the checkpoint's tensor names.
      Map<String, Variable<TFloat32>> byName = new TreeMap<>();
      store.all().values().forEach(v -> byName.put(v.op().name(), v));
      List<String> names = new ArrayList<>(byName.keySet());
      Ops restoreOps = tf.withSubScope("restore");
      Placeholder<TString> prefix = restoreOps.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      List<Class<? extends TType>> types = names.stream().<Class<? extends TType>>map(n -> TFloat32.class).toList();
      Restore restored = restoreOps.train.restore(prefix,
          restoreOps.constant(StandardCharsets.UTF_8, names.toArray(String[]::new)),
          restoreOps.constant(StandardCharsets.UTF_8, names.stream().map(n -> "").toArray(String[]::new)), types);
      // Restoring and saving variables needs no GPU, and a session that sees none cannot clash with the GPU a run's
      // sessions selected (TensorFlow maps GPUs once per process).
      ConfigProto noGpu = DeviceSetting.CPU.configure(ConfigProto.newBuilder()).build();
      try (Session session = new Session(graph, noGpu); TString p = TString.scalarOf(variables.toString())) {
        Session.Runner runner = session.runner().feed(prefix, p);
        for (int i = 0; i < names.size(); i++) {
          @SuppressWarnings("unchecked")
          Operand<TFloat32> value = (Operand<TFloat32>) (Operand<?>) restored.tensors().get(i);
          runner.addTarget(restoreOps.assign(byName.get(names.get(i)), value));
        }
        runner.run().close();
        SavedModelBundle.exporter(target.toString()).withSession(session)
            .withSignature(Signature.builder(SIGNATURE).input(INPUT, images).output(OUTPUT, logits).build())
            .export();
      } catch (RuntimeException e) {
        throw new IOException("cannot export the model to " + target + ": " + e.getMessage(), e);
      }
    }
  }
}
