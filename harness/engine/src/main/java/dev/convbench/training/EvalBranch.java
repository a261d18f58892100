package dev.convbench.training;

import dev.convbench.graph.LayerInfo;
import dev.convbench.graph.Network;
import dev.convbench.graph.VariableStore;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * An inference pass over images held in the graph, evaluated in slices: loss, accuracy and confusion matrix. Each
 * slice feeds two ints (offset, size); the images never leave the graph.
 */
final class EvalBranch {

  private static final int SLICE = 250;

  private final int count;
  private final int classes;
  private final Placeholder<TInt32> start;
  private final Placeholder<TInt32> size;
  private final Operand<TFloat32> lossSum;
  private final Operand<TFloat32> correct;
  private final Operand<TFloat32> confusion;
  private final List<LayerInfo> structure;

  EvalBranch(Ops tf, ArchitecturePlugin plugin, HyperParameters params, VariableStore variables, int classes,
      InputPipeline.StoredImages images, boolean normalize) {
    this.count = images.count();
    this.classes = classes;
    start = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    size = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Operand<TInt32> start1 = tf.reshape(start, tf.constant(new int[] {1}));
    Operand<TInt32> size1 = tf.reshape(size, tf.constant(new int[] {1}));
    // A slice of dynamic size loses the static image shape; layers need it (flatten, parameter shapes).
    Operand<TUint8> batch = tf.reshape(tf.slice(images.pixels(),
        tf.concat(List.of(start1, tf.constant(new int[] {0, 0, 0})), tf.constant(0)),
        tf.concat(List.of(size1, tf.constant(new int[] {-1, -1, -1})), tf.constant(0))),
        tf.constant(new int[] {-1, 32, 32, 3}));
    Operand<TInt32> batchLabels = tf.slice(images.labels(), start1, size1);
    Network net = new Network(tf.withSubScope("model"), false, classes, variables);
    Operand<TFloat32> logits = plugin.logits(net, Augmentation.toFloat(tf, batch, normalize), params);
    structure = net.summary();
    lossSum = tf.identity(tf.reduceSum(TrainingLoss.crossEntropy(tf, logits, batchLabels, classes),
        tf.constant(0)));
    correct = tf.identity(TrainingLoss.correct(tf, logits, batchLabels));
    Operand<TFloat32> truth = tf.oneHot(batchLabels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> predicted = tf.oneHot(tf.math.argMax(logits, tf.constant(1), TInt32.class),
        tf.constant(classes), tf.constant(1f), tf.constant(0f));
    confusion = tf.linalg.matMul(truth, predicted, org.tensorflow.op.linalg.MatMul.transposeA(true));
  }

  /** The network's layers as this inference pass built them. */
  List<LayerInfo> structure() {
    return structure;
  }

  Evaluation run(Session session) {
    double loss = 0;
    double right = 0;
    long[][] matrix = new long[classes][classes];
    float[] cells = new float[classes * classes];
    for (int offset = 0; offset < count; offset += SLICE) {
      int n = Math.min(SLICE, count - offset);
      try (TInt32 s = TInt32.scalarOf(offset); TInt32 z = TInt32.scalarOf(n);
          Result r = session.runner().feed(start, s).feed(size, z).fetch(lossSum).fetch(correct).fetch(confusion)
              .run()) {
        loss += ((TFloat32) r.get(0)).getFloat();
        right += ((TFloat32) r.get(1)).getFloat();
        LayerDiagnostics.copy((TFloat32) r.get(2), cells);
        for (int i = 0; i < cells.length; i++) {
          matrix[i / classes][i % classes] += Math.round(cells[i]);
        }
      }
    }
    return new Evaluation(loss / count, right / count, matrix);
  }
}
