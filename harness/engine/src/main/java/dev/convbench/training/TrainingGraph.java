package dev.convbench.training;

import dev.convbench.data.ImageSet;
import dev.convbench.graph.Network;
import dev.convbench.graph.RandomStreams;
import dev.convbench.graph.StepNoise;
import dev.convbench.graph.VariableStore;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One run's whole computation as one TensorFlow graph: the input ({@link InputPipeline}: the data set, its order and
 * the augmented batch), the model's training pass, the loss ({@link TrainingLoss}), the optimizer step with its
 * learning-rate schedule ({@link OptimizerStep}), per-layer diagnostics, the inference passes ({@link EvalBranch})
 * and the checkpoint ops. A training step feeds two ints (the batch's offset in the epoch's order, the global step)
 * and fetches two floats; an evaluation batch feeds two ints.
 */
final class TrainingGraph implements AutoCloseable {

  /** Training images evaluated in inference mode after each epoch, to measure the generalisation gap. */
  static final int TRAIN_SAMPLE = 1000;

  private final Graph graph;
  private final Session session;
  private final long parameterCount;
  private final Placeholder<TInt64> stepFeed;
  private final InputPipeline input;
  private final TrainingLoss loss;
  private final OptimizerStep optimizerStep;
  private final LayerDiagnostics diagnostics;
  private final List<Op> trainTargets;
  private final EvalBranch evalBranch;
  private final EvalBranch trainSampleBranch;
  private final CheckpointOps checkpoint;
  private final EventFileOps events;
  private final List<Variable<TFloat32>> weights;

  TrainingGraph(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, int trainCount, int evalCount,
      int classes, RunSeeds seeds, boolean withDiagnostics, Threads threads, DeviceSetting device) {
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      RandomStreams streams = seeds.streams();
      VariableStore variables = new VariableStore(tf, streams.init());
      // The global step, fed with every training step: it keys the step's random numbers (augmentation, dropout).
      stepFeed = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      StepNoise noise = new StepNoise(stepFeed, streams.noise());
      variables.useStepNoise(noise);

      // Training pass: input, network, loss. One scope object for all of it: a second withSubScope("train") would
      // be named train_1, and every op name in it (augmentation, model, loss) would change.
      Ops train = tf.withSubScope("train");
      input = new InputPipeline(tf.withSubScope("data"), train, trainCount, evalCount, cfg.batchSize(),
          cfg.augmentation(), streams.order(), noise);
      Network trainNet = new Network(train.withSubScope("model"), true, classes, variables);
      Operand<TFloat32> logits = checkedLogits(plugin, plugin.logits(trainNet, input.images(), params), classes);
      weights = variables.trainableVariables();
      parameterCount = variables.trainableParameterCount();
      loss = new TrainingLoss(train, logits, input.labels(), classes, weights, cfg.weightDecay());
      // Optimizer step: gradients, diagnostics of them, updates.
      optimizerStep = new OptimizerStep(graph, tf.withSubScope("optimizer"), cfg, input.stepsPerEpoch(),
          loss.objective(), weights);
      diagnostics = withDiagnostics ? new LayerDiagnostics(tf.withSubScope("diagnostics"),
          variables.trainableNames(), weights, optimizerStep.gradients()) : null;
      List<Op> targets = new ArrayList<>(optimizerStep.applyGradients(cfg.optimizer(), trainNet.updates()));
      if (diagnostics != null) {
        targets.add(diagnostics.accumulate());
      }
      trainTargets = List.copyOf(targets);
      events = new EventFileOps(tf.withSubScope("events"), stepFeed, loss.meanLoss(),
          withDiagnostics ? LayerDiagnostics.layers(variables.trainableNames()) : java.util.Map.of(), weights,
          optimizerStep.gradients(), trainTargets);

      // Inference passes, in slices: the evaluation set, and a fixed sample of training images.
      boolean normalize = cfg.augmentation().normalize();
      evalBranch = new EvalBranch(tf.withSubScope("eval"), plugin, params, variables, classes, input.evalSet(),
          normalize);
      trainSampleBranch = new EvalBranch(tf.withSubScope("train_sample"), plugin, params, variables, classes,
          input.trainSet().first(TRAIN_SAMPLE), normalize);

      checkpoint = new CheckpointOps(graph, tf.withSubScope("checkpoint"), variables);

      session = new Session(graph, SessionConfig.of(threads, cfg.precision(), device));
      session.initialize();
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  private static Operand<TFloat32> checkedLogits(ArchitecturePlugin plugin, Operand<TFloat32> logits, int classes) {
    Shape s = logits.shape();
    if (s.numDimensions() != 2 || s.get(1) != classes) {
      throw new IllegalStateException("plugin " + plugin.name() + " returned logits of shape " + s
          + "; expected [batch, " + classes + "]");
    }
    return logits;
  }

  /** Copies both image sets into the graph's variables: the only bulk transfer of a run. */
  void load(ImageSet train, ImageSet eval) {
    input.load(session, train, eval);
  }

  /** Draws epoch {@code epoch}'s order of the training set (1-based; the same for the same run and epoch). */
  void shuffle(int epoch) {
    input.shuffle(session, epoch);
  }

  /** What one training step returns: the batch's mean loss and how many of its images were classified right. */
  record StepResult(float loss, float correct) {}

  /** What a training step writes to the event file. */
  enum StepEvents { NONE, LOSS, LOSS_AND_HISTOGRAMS }

  /** Runs training step {@code index} (0-based within the epoch) as global step {@code globalStep} (0-based). */
  StepResult step(int index, long globalStep) {
    return step(index, globalStep, null, StepEvents.NONE);
  }

  /**
   * Runs training step {@code index} of the epoch, global step {@code globalStep}, whose augmentation and dropout
   * depend on the global step alone; when {@code gradientNorms} is not null, also fetches the step's per-layer
   * gradient norms into it (same run, so they belong to this step's gradients); and writes what {@code writes} asks
   * for to the event file opened by {@link #openEvents} (same run again: nothing is computed twice or copied to Java).
   */
  StepResult step(int index, long globalStep, double[] gradientNorms, StepEvents writes) {
    try (TInt32 start = TInt32.scalarOf(index * input.batchSize()); TInt64 step = TInt64.scalarOf(globalStep)) {
      Session.Runner runner = stepRunner(start, step);
      if (gradientNorms != null) {
        runner.fetch(diagnostics.gradientNorms());
      }
      if (writes != StepEvents.NONE) {
        events.stepTargets(writes == StepEvents.LOSS_AND_HISTOGRAMS).forEach(runner::addTarget);
      }
      try (Result r = runner.run()) {
        if (gradientNorms != null) {
          LayerDiagnostics.copy((TFloat32) r.get(2), gradientNorms);
        }
        return new StepResult(((TFloat32) r.get(0)).getFloat(), ((TFloat32) r.get(1)).getFloat());
      }
    }
  }

  /** A training step's run: the batch offset and global step fed, loss and correct count fetched, updates run. */
  private Session.Runner stepRunner(TInt32 start, TInt64 step) {
    Session.Runner runner = session.runner().feed(input.batchStart(), start).feed(stepFeed, step)
        .fetch(loss.meanLoss()).fetch(loss.correct());
    trainTargets.forEach(runner::addTarget);
    return runner;
  }

  /**
   * Runs training step {@code index} as global step {@code globalStep} and returns the graph TensorFlow executed for
   * it, after Grappler's rewrites (mixed precision among them): what each op computed in.
   */
  List<org.tensorflow.proto.NodeDef> executedStep(int index, long globalStep) {
    try (TInt32 start = TInt32.scalarOf(index * input.batchSize()); TInt64 step = TInt64.scalarOf(globalStep)) {
      Session.Runner runner = stepRunner(start, step)
          .setOptions(org.tensorflow.proto.RunOptions.newBuilder().setOutputPartitionGraphs(true).build());
      try (Result r = runner.runAndFetchMetadata()) {
        return r.getMetadata().orElseThrow().getPartitionGraphsList().stream()
            .flatMap(g -> g.getNodeList().stream()).toList();
      }
    }
  }

  /** Evaluates the evaluation set in inference mode. */
  Evaluation evaluate() {
    return evalBranch.run(session);
  }

  /** The network's layers (from the inference pass). */
  List<dev.convbench.graph.LayerInfo> structure() {
    return evalBranch.structure();
  }

  /** Evaluates the fixed training sample in inference mode. */
  Evaluation evaluateTrainSample() {
    return trainSampleBranch.run(session);
  }

  /** Per-layer diagnostics, or null when the graph was built without them. */
  LayerDiagnostics diagnostics() {
    return diagnostics;
  }

  Session session() {
    return session;
  }

  /** The input pipeline: the epoch's order and the step's augmented batch. */
  InputPipeline input() {
    return input;
  }

  /** The model's trainable variables, in creation order. */
  List<Variable<TFloat32>> weights() {
    return weights;
  }

  /** Writes every model and training variable (not the data set) to checkpoint files starting with {@code prefix}. */
  void save(java.nio.file.Path prefix) {
    checkpoint.save(session, prefix);
  }

  /** Reads back what {@link #save} wrote (into a graph built the same way). */
  void restore(java.nio.file.Path prefix) {
    checkpoint.restore(session, prefix);
  }

  /** Starts a TensorBoard event file in {@code directory} and writes this graph into it. */
  void openEvents(java.nio.file.Path directory) {
    events.open(session, directory, graph.toGraphDef().toByteArray());
  }

  /** Writes epoch {@code m}'s scalars to the event file at global step {@code step} (1-based). */
  void writeEpochEvents(long step, EpochMetrics m) {
    events.writeEpoch(session, step, m);
  }

  /** Writes the events held so far to the event file. */
  void flushEvents() {
    events.flush(session);
  }

  /** Writes the events held so far and closes the event file. */
  void closeEvents() {
    events.close(session);
  }

  /** The learning rate the next step will use. */
  double learningRate() {
    try (Result r = session.runner().fetch(optimizerStep.learningRate()).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  int batchSize() {
    return input.batchSize();
  }

  int stepsPerEpoch() {
    return input.stepsPerEpoch();
  }

  long parameterCount() {
    return parameterCount;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
