package dev.convbench.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorBoard event files written by TensorFlow's own summary ops ({@code CreateSummaryFileWriter},
 * {@code WriteScalarSummary}, {@code WriteHistogramSummary}, {@code WriteGraphSummary}): the training loss of a logged
 * step ({@value #STEP_LOSS_TAG}), each epoch's metrics ({@link #EPOCH_SCALARS}), per-layer histograms of weights and
 * gradients at the diagnostics' sampling steps ({@value #WEIGHTS_PREFIX}{@code <layer>},
 * {@value #GRADIENTS_PREFIX}{@code <layer>}), and the graph. Steps are 1-based global steps, as in
 * {@code steps.csv}; an epoch's values are written at its last step.
 *
 * <p>The writer keeps events in memory until {@link #flush} (called with each checkpoint) or {@link #close}, or
 * until its own timer flushes them, 35.8 minutes after the last flush at the latest: a process killed after a
 * checkpoint leaves no event the resumed run writes again, as the CSV files are cut back to the checkpoint.
 */
final class EventFileOps {

  /** Tag of the training loss at each logged step. */
  static final String STEP_LOSS_TAG = "train/loss";
  /** The per-epoch scalars: their tags and values. */
  static final List<EpochScalar> EPOCH_SCALARS = List.of(
      new EpochScalar("epoch/train_loss", EpochMetrics::trainLoss),
      new EpochScalar("epoch/train_accuracy", EpochMetrics::trainAccuracy),
      new EpochScalar("epoch/test_loss", EpochMetrics::testLoss),
      new EpochScalar("epoch/test_accuracy", EpochMetrics::testAccuracy),
      new EpochScalar("epoch/learning_rate", EpochMetrics::learningRate),
      new EpochScalar("epoch/images_per_second", EpochMetrics::imagesPerSecond));
  static final String WEIGHTS_PREFIX = "weights/";
  static final String GRADIENTS_PREFIX = "gradients/";
  /** The graph is written at step 0, before the first step. */
  static final long GRAPH_STEP = 0;

  // The writer flushes when it holds more events than this or when 1000 × flush_millis microseconds have passed:
  // an int product in TensorFlow's writer, so flush_millis above 2^31 / 1000 overflows. Both as large as is safe,
  // so that flushes happen where this class asks for them.
  private static final int MAX_QUEUE = Integer.MAX_VALUE;
  private static final int FLUSH_MILLIS = Integer.MAX_VALUE / 1000;
  /** What TensorFlow's Python writer ends its file names with; TensorBoard reads the file either way. */
  private static final String FILE_SUFFIX = ".v2";

  /** One per-epoch scalar: its tag and which of the epoch's metrics it shows. */
  record EpochScalar(String tag, ToDoubleFunction<EpochMetrics> value) {}

  private final Placeholder<TString> directory;
  private final Placeholder<TString> graphDef;
  private final Placeholder<TInt64> epochStep;
  private final Placeholder<TFloat32> epochValues;
  private final Op create;
  private final Op writeGraph;
  private final List<Op> writeEpoch = new ArrayList<>();
  private final Op writeStepLoss;
  private final List<Op> writeHistograms = new ArrayList<>();
  private final Op flush;
  private final Op close;

  /**
   * Builds the ops.
   *
   * @param trainingStep the 0-based global step a training step is fed
   * @param stepLoss the training step's mean loss
   * @param layers the diagnostics' layers (name to the indexes of its variables in {@code weights}), empty for no
   *     histograms
   * @param stepDone what a training step runs: the weights' histograms are taken after it, as {@code layers.csv}'s
   *     weight norms
   */
  EventFileOps(Ops tf, Operand<TInt64> trainingStep, Operand<TFloat32> stepLoss, Map<String, List<Integer>> layers,
      List<Variable<TFloat32>> weights, Output<?>[] gradients, List<Op> stepDone) {
    SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("events"));
    directory = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    create = tf.summary.createSummaryFileWriter(writer, directory, tf.constant(MAX_QUEUE), tf.constant(FLUSH_MILLIS),
        tf.constant(FILE_SUFFIX));
    graphDef = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    writeGraph = tf.summary.writeGraphSummary(writer, tf.constant(GRAPH_STEP), graphDef);

    epochStep = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    epochValues = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(EPOCH_SCALARS.size())));
    for (int i = 0; i < EPOCH_SCALARS.size(); i++) {
      writeEpoch.add(tf.summary.writeScalarSummary(writer, epochStep, tf.constant(EPOCH_SCALARS.get(i).tag()),
          tf.gather(epochValues, tf.constant(i), tf.constant(0))));
    }

    Operand<TInt64> step = tf.math.add(trainingStep, tf.constant(1L));
    writeStepLoss = tf.summary.writeScalarSummary(writer, step, tf.constant(STEP_LOSS_TAG), stepLoss);
    Ops afterStep = tf.withControlDependencies(stepDone);
    for (Map.Entry<String, List<Integer>> layer : layers.entrySet()) {
      List<Operand<TFloat32>> layerWeights = new ArrayList<>();
      List<Operand<TFloat32>> layerGradients = new ArrayList<>();
      for (int i : layer.getValue()) {
        layerWeights.add(weights.get(i));
        @SuppressWarnings("unchecked")
        Operand<TFloat32> gradient = (Operand<TFloat32>) gradients[i];
        layerGradients.add(gradient);
      }
      writeHistograms.add(afterStep.summary.writeHistogramSummary(writer, step,
          tf.constant(WEIGHTS_PREFIX + layer.getKey()), finiteValues(afterStep, layerWeights)));
      writeHistograms.add(tf.summary.writeHistogramSummary(writer, step, tf.constant(GRADIENTS_PREFIX + layer.getKey()),
          finiteValues(tf, layerGradients)));
    }
    flush = tf.summary.flushSummaryWriter(writer);
    close = tf.summary.closeSummaryWriter(writer);
  }

  /**
   * The tensors' values in one vector when all are finite; otherwise a dead tensor, so that the histogram op reading
   * it is skipped: TensorFlow's histogram kernel fails the whole session run on a NaN or an infinity, which would turn
   * a diverging run (or a float16 step whose gradients overflowed, which loss scaling skips) into a failed one.
   * Cheaper than leaving out the non-finite values (where + gather: a third of the histograms' cost).
   */
  private static Operand<TFloat32> finiteValues(Ops tf, List<Operand<TFloat32>> tensors) {
    List<Operand<TFloat32>> flat = new ArrayList<>();
    for (Operand<TFloat32> t : tensors) {
      flat.add(tf.reshape(t, tf.constant(new long[] {-1})));
    }
    Operand<TFloat32> all = flat.size() == 1 ? flat.get(0) : tf.concat(flat, tf.constant(0));
    return tf.switchCond(all, tf.reduceAll(tf.math.isFinite(all), tf.constant(0))).outputTrue();
  }

  /**
   * Starts a new event file in {@code dir} (created if missing) and writes the graph into it. Each call makes a new
   * file, which TensorFlow names {@code events.out.tfevents.<seconds>.<host>.<process id>.<counter>.v2}, so a
   * resumed run adds a file next to the earlier ones.
   */
  void open(Session session, Path dir, byte[] serializedGraph) {
    try (TString d = TString.scalarOf(dir.toAbsolutePath().toString())) {
      session.runner().feed(directory, d).addTarget(create).run().close();
    }
    try (TString g = TString.tensorOfBytes(NdArrays.scalarOfObject(serializedGraph))) {
      session.runner().feed(graphDef, g).addTarget(writeGraph).run().close();
    }
  }

  /** What a logged training step runs besides its own targets: the loss scalar, and the histograms if asked. */
  List<Op> stepTargets(boolean histograms) {
    if (!histograms) {
      return List.of(writeStepLoss);
    }
    List<Op> targets = new ArrayList<>(writeHistograms);
    targets.add(writeStepLoss);
    return targets;
  }

  /** Writes epoch {@code m}'s scalars at global step {@code step} (1-based: the epoch's last step). */
  void writeEpoch(Session session, long step, EpochMetrics m) {
    float[] values = new float[EPOCH_SCALARS.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) EPOCH_SCALARS.get(i).value().applyAsDouble(m);
    }
    try (TInt64 s = TInt64.scalarOf(step);
        TFloat32 v = TFloat32.tensorOf(Shape.of(values.length), t -> t.copyFrom(DataBuffers.of(values, true, false)))) {
      Session.Runner runner = session.runner().feed(epochStep, s).feed(epochValues, v);
      writeEpoch.forEach(runner::addTarget);
      runner.run().close();
    }
  }

  /** Writes the events held so far to the file. */
  void flush(Session session) {
    session.run(flush);
  }

  /** Writes the events held so far and closes the file. */
  void close(Session session) {
    session.run(close);
  }
}
