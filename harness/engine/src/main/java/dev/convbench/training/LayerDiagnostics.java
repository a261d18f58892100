package dev.convbench.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;

import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gradient-flow diagnostics as graph ops, per layer (the variables of one toolkit layer, in network order):
 * gradient norms from the gradients the optimizer already has, weight norms, and update-to-weight ratios.
 *
 * <p>Cost: every step adds the layers' gradient norms into an accumulator (one read of the gradients); sampling
 * steps also copy the weights once (to measure the update) and run one extra small fetch.
 */
final class LayerDiagnostics {

  private final List<String> layers;
  private final Operand<TFloat32> gradientNorms;
  private final Operand<TFloat32> weightNorms;
  private final Operand<TFloat32> updateRatios;
  private final Variable<TFloat32> gradientNormSum;
  private final Op accumulate;
  private final Op resetSum;
  private final List<Op> snapshot = new ArrayList<>();

  LayerDiagnostics(Ops tf, List<String> variableNames, List<Variable<TFloat32>> weights, Output<?>[] grads) {
    Map<String, List<Integer>> groups = layers(variableNames);
    layers = List.copyOf(groups.keySet());
    Ops init = tf.withInitScope();
    List<Operand<TFloat32>> gradSquares = new ArrayList<>();
    List<Operand<TFloat32>> weightSquares = new ArrayList<>();
    List<Operand<TFloat32>> deltaSquares = new ArrayList<>();
    List<Operand<TFloat32>> previousSquares = new ArrayList<>();
    for (List<Integer> members : groups.values()) {
      List<Operand<TFloat32>> g = new ArrayList<>();
      List<Operand<TFloat32>> w = new ArrayList<>();
      List<Operand<TFloat32>> d = new ArrayList<>();
      List<Operand<TFloat32>> p = new ArrayList<>();
      for (int i : members) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
        Variable<TFloat32> weight = weights.get(i);
        Variable<TFloat32> previous = tf.variable(init.fill(init.constant(weight.shape().asArray()),
            init.constant(0f)));
        snapshot.add(tf.assign(previous, weight));
        g.add(sumOfSquares(tf, grad));
        w.add(sumOfSquares(tf, weight));
        d.add(sumOfSquares(tf, tf.math.sub(weight, previous)));
        p.add(sumOfSquares(tf, previous));
      }
      gradSquares.add(tf.math.addN(g));
      weightSquares.add(tf.math.addN(w));
      deltaSquares.add(tf.math.addN(d));
      previousSquares.add(tf.math.addN(p));
    }
    gradientNorms = tf.identity(tf.math.sqrt(tf.stack(gradSquares)));
    weightNorms = tf.identity(tf.math.sqrt(tf.stack(weightSquares)));
    updateRatios = tf.identity(tf.math.div(tf.math.sqrt(tf.stack(deltaSquares)),
        tf.math.sqrt(tf.stack(previousSquares))));
    Operand<TFloat32> zeros = init.fill(init.constant(new long[] {layers.size()}), init.constant(0f));
    gradientNormSum = tf.variable(zeros);
    accumulate = tf.assignAdd(gradientNormSum, gradientNorms);
    resetSum = tf.assign(gradientNormSum, tf.fill(tf.constant(new long[] {layers.size()}), tf.constant(0f)));
  }

  /**
   * The layers of the variables named {@code variableNames}, in network order: each layer's name (a variable's name
   * without its last part) and the indexes of its variables in that list.
   */
  static Map<String, List<Integer>> layers(List<String> variableNames) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < variableNames.size(); i++) {
      String name = variableNames.get(i);
      int slash = name.lastIndexOf('/');
      groups.computeIfAbsent(slash < 0 ? name : name.substring(0, slash), k -> new ArrayList<>()).add(i);
    }
    return groups;
  }

  private static Operand<TFloat32> sumOfSquares(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(tf.math.square(x), tf.constant(rangeOf(x.shape().numDimensions())));
  }

  private static int[] rangeOf(int n) {
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) {
      axes[i] = i;
    }
    return axes;
  }

  List<String> layers() {
    return layers;
  }

  /** The step's per-layer gradient norms: fetch with the training step. */
  Operand<TFloat32> gradientNorms() {
    return gradientNorms;
  }

  /** Adds the step's gradient norms to the epoch's sum: a target of every training step. */
  Op accumulate() {
    return accumulate;
  }

  /** Starts a new epoch's sum. */
  void resetEpoch(Session session) {
    session.run(resetSum);
  }

  /** Remembers the weights, so that {@link #afterStep} can measure the next update. */
  void beforeStep(Session session) {
    Session.Runner runner = session.runner();
    snapshot.forEach(runner::addTarget);
    runner.run().close();
  }

  /** Weight norms and update-to-weight ratios since {@link #beforeStep}, into the given arrays. */
  void afterStep(Session session, double[] weightNormsOut, double[] updateRatiosOut) {
    try (Result r = session.runner().fetch(weightNorms).fetch(updateRatios).run()) {
      copy((TFloat32) r.get(0), weightNormsOut);
      copy((TFloat32) r.get(1), updateRatiosOut);
    }
  }

  /** The epoch's per-layer gradient norm sums and current weight norms, into the given arrays. */
  void epochEnd(Session session, double[] gradientNormSums, double[] weightNormsOut) {
    try (Result r = session.runner().fetch(gradientNormSum).fetch(weightNorms).run()) {
      copy((TFloat32) r.get(0), gradientNormSums);
      copy((TFloat32) r.get(1), weightNormsOut);
    }
  }

  static void copy(TFloat32 tensor, double[] out) {
    float[] values = new float[out.length];
    copy(tensor, values);
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i];
    }
  }

  static void copy(TFloat32 tensor, float[] out) {
    tensor.copyTo(NdArrays.wrap(tensor.shape(), DataBuffers.of(out, false, false)));
  }

}
