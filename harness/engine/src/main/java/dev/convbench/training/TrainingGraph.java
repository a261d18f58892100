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
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * One run's whole computation as one TensorFlow graph: the data set (uint8, NHWC, in variables filled once), shuffling,
 * batching and augmentation, the model's training and inference passes, loss, weight decay, the optimizer with its
 * learning-rate schedule, and accuracy. A training step feeds one int (the batch's offset in the epoch's
 * permutation) and fetches two floats; an evaluation batch feeds two ints.
 */
final class TrainingGraph implements AutoCloseable {

  /** Training images evaluated in inference mode after each epoch, to measure the generalisation gap. */
  static final int TRAIN_SAMPLE = 1000;

  private final Graph graph;
  private final Session session;
  private final int batchSize;
  private final int trainCount;
  private final int evalCount;
  private final int stepsPerEpoch;
  private final long parameterCount;

  private final Placeholder<TUint8> trainPixelsFeed;
  private final Placeholder<TInt32> trainLabelsFeed;
  private final Placeholder<TUint8> evalPixelsFeed;
  private final Placeholder<TInt32> evalLabelsFeed;
  private final List<Op> loadOps = new ArrayList<>();
  private final Op shuffle;
  private final Placeholder<TInt64> epochFeed;
  private final Placeholder<TInt64> stepFeed;
  private final Placeholder<TInt32> batchStart;
  private final CheckpointOps checkpoint;
  private final List<Op> trainTargets = new ArrayList<>();
  private final Operand<TFloat32> stepLoss;
  private final Operand<TFloat32> stepCorrect;
  private final Operand<TFloat32> learningRate;
  private final EvalBranch evalBranch;
  private final EvalBranch trainSampleBranch;
  private final LayerDiagnostics diagnostics;
  private final LossScaling lossScaling;

  TrainingGraph(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, int trainCount, int evalCount,
      int classes, long seed, boolean withDiagnostics, Threads threads, DeviceSetting device) {
    this.trainCount = trainCount;
    this.evalCount = evalCount;
    this.batchSize = Math.min(cfg.batchSize(), trainCount);
    this.stepsPerEpoch = trainCount / batchSize;
    int totalSteps = stepsPerEpoch * cfg.epochs();
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      RandomStreams streams = RandomStreams.of(seed);
      VariableStore variables = new VariableStore(tf, streams.init());
      stepFeed = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      StepNoise noise = new StepNoise(stepFeed, streams.noise());
      variables.useStepNoise(noise);

      // The data set lives in the graph: filled once from a feed, never re-sent.
      Ops data = tf.withSubScope("data");
      trainPixelsFeed = data.placeholder(TUint8.class);
      trainLabelsFeed = data.placeholder(TInt32.class);
      evalPixelsFeed = data.placeholder(TUint8.class);
      evalLabelsFeed = data.placeholder(TInt32.class);
      Variable<TUint8> trainPixels = data.withName("train_pixels").variable(Shape.of(trainCount, 32, 32, 3),
          TUint8.class);
      Variable<TInt32> trainLabels = data.withName("train_labels").variable(Shape.of(trainCount), TInt32.class);
      Variable<TUint8> evalPixels = data.withName("eval_pixels").variable(Shape.of(evalCount, 32, 32, 3),
          TUint8.class);
      Variable<TInt32> evalLabels = data.withName("eval_labels").variable(Shape.of(evalCount), TInt32.class);
      loadOps.add(data.assign(trainPixels, trainPixelsFeed));
      loadOps.add(data.assign(trainLabels, trainLabelsFeed));
      loadOps.add(data.assign(evalPixels, evalPixelsFeed));
      loadOps.add(data.assign(evalLabels, evalLabelsFeed));

      // Each epoch draws a permutation, a function of the run's data-order seed and the epoch alone (stateless: a
      // resumed run visits the images in the same order); a step takes the batch at its offset.
      Variable<TInt32> permutation = data.withName("permutation").variable(Shape.of(trainCount), TInt32.class);
      epochFeed = data.withName("epoch").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> sortKeys = data.random.statelessRandomUniform(data.constant(new int[] {trainCount}),
          data.stack(List.of(data.constant(RandomStreams.key(streams.order(), "data/shuffle")), epochFeed)),
          TFloat32.class);
      shuffle = data.assign(permutation, data.nn.topK(sortKeys, data.constant(trainCount), TInt32.class).indices());
      batchStart = data.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      Operand<TInt32> indices = data.slice(permutation, data.reshape(batchStart, data.constant(new int[] {1})),
          data.constant(new int[] {batchSize}));
      Operand<TUint8> batchPixels = data.gather(trainPixels, indices, data.constant(0));
      Operand<TInt32> batchLabels = data.gather(trainLabels, indices, data.constant(0));

      // Training pass.
      Ops train = tf.withSubScope("train");
      Operand<TUint8> augmented = Augmentation.augment(train.withSubScope("augment"), batchPixels, batchSize,
          cfg.augmentation(), noise);
      Operand<TFloat32> trainInput = Augmentation.toFloat(train, augmented, cfg.augmentation().normalize());
      Network trainNet = new Network(train.withSubScope("model"), true, classes, variables);
      Operand<TFloat32> logits = plugin.logits(trainNet, trainInput, params);
      checkLogits(plugin, logits, classes);
      Operand<TFloat32> perImageLoss = crossEntropy(train, logits, batchLabels, classes);
      Operand<TFloat32> meanLoss = train.math.mean(perImageLoss, train.constant(0));
      List<Variable<TFloat32>> weights = variables.trainableVariables();
      parameterCount = variables.trainableParameterCount();
      Operand<TFloat32> objective = meanLoss;
      if (cfg.weightDecay() > 0) {
        List<Operand<TFloat32>> penalties = new ArrayList<>();
        for (Variable<TFloat32> w : weights) {
          penalties.add(train.nn.l2Loss(w));
        }
        objective = train.math.add(meanLoss,
            train.math.mul(train.constant((float) cfg.weightDecay()), train.math.addN(penalties)));
      }
      stepLoss = train.identity(meanLoss);
      stepCorrect = train.identity(correct(train, logits, batchLabels));

      // Optimizer: TensorFlow's own update kernels, with the learning rate computed in the graph.
      Ops opt = tf.withSubScope("optimizer");
      Variable<TFloat32> globalStep = opt.withName("global_step").variable(opt.withInitScope().constant(0f));
      learningRate = opt.identity(cfg.schedule().learningRate(opt, cfg.optimizer().learningRate(), globalStep,
          stepsPerEpoch, totalSteps));
      Output<?>[] xs = new Output<?>[weights.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = weights.get(i).asOutput();
      }
      // float16 needs the loss scaled so that small gradients survive; bfloat16 has fp32's range and does not.
      lossScaling = cfg.precision() == Precision.FP16
          ? new LossScaling(opt.withSubScope("loss_scale"), LossScaling.INITIAL_SCALE, LossScaling.GROWTH_INTERVAL)
          : null;
      Output<?>[] grads = lossScaling == null ? graph.addGradients(objective.asOutput(), xs)
          : lossScaling.unscale(graph.addGradients(lossScaling.scaled(objective).asOutput(), xs));
      diagnostics = withDiagnostics
          ? new LayerDiagnostics(tf.withSubScope("diagnostics"), variables.trainableNames(), weights, grads)
          : null;
      Optimizer.Updates updates = applyGradients(opt, cfg.optimizer(), weights,
          lossScaling == null ? grads : lossScaling.whenFinite(grads));
      List<Op> applies = updates.applies();
      List<Op> afterApply = new ArrayList<>(trainNet.updates());
      if (lossScaling == null) {
        afterApply.addAll(applies);
      } else {
        afterApply.add(lossScaling.afterUpdates(applies));
        trainTargets.addAll(lossScaling.updates());
      }
      Ops done = opt.withControlDependencies(afterApply);
      trainTargets.add(done.assignAdd(globalStep, done.constant(1f)));
      if (diagnostics != null) {
        trainTargets.add(diagnostics.accumulate());
      }
      trainTargets.addAll(updates.afterApplies());

      // Inference passes, in slices: the evaluation set, and a fixed sample of training images.
      evalBranch = new EvalBranch(tf.withSubScope("eval"), plugin, params, variables, classes, evalPixels,
          evalLabels, evalCount, cfg.augmentation().normalize());
      trainSampleBranch = new EvalBranch(tf.withSubScope("train_sample"), plugin, params, variables, classes,
          trainPixels, trainLabels, Math.min(TRAIN_SAMPLE, trainCount), cfg.augmentation().normalize());

      checkpoint = new CheckpointOps(graph, tf.withSubScope("checkpoint"), variables);

      session = new Session(graph, SessionConfig.of(threads, cfg.precision(), device));
      session.initialize();
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  private Optimizer.Updates applyGradients(Ops ops, Optimizer optimizer, List<Variable<TFloat32>> weights,
      Output<?>[] grads) {
    // The update kernels change the variables in place, while back-propagation still reads them (a layer's input
    // gradient needs its weights). Without this barrier a fast layer's update can race the slower layers' gradient
    // computation and feed them half-updated weights: on a busy machine, SGD with momentum then diverged.
    List<Op> gradientsDone = new ArrayList<>();
    List<Operand<TFloat32>> gradients = new ArrayList<>();
    for (Output<?> g : grads) {
      gradientsDone.add(ops.identity(g));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> gradient = (Operand<TFloat32>) g;
      gradients.add(gradient);
    }
    return optimizer.updates(ops, ops.withControlDependencies(gradientsDone), weights, gradients, learningRate);
  }

  private static void checkLogits(ArchitecturePlugin plugin, Operand<TFloat32> logits, int classes) {
    Shape s = logits.shape();
    if (s.numDimensions() != 2 || s.get(1) != classes) {
      throw new IllegalStateException("plugin " + plugin.name() + " returned logits of shape " + s
          + "; expected [batch, " + classes + "]");
    }
  }

  /** Softmax cross-entropy per image, on one-hot labels (the sparse op has no registered graph gradient). */
  static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels,
      int classes) {
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
  }

  static Operand<TFloat32> correct(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    Operand<TInt32> predicted = tf.math.argMax(logits, tf.constant(1), TInt32.class);
    return tf.reduceSum(tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class), tf.constant(0));
  }

  /** Copies both image sets into the graph's variables: the only bulk transfer of a run. */
  void load(ImageSet train, ImageSet eval) {
    if (train.count() != trainCount || eval.count() != evalCount) {
      throw new IllegalArgumentException("graph built for " + trainCount + "/" + evalCount + " images, got "
          + train.count() + "/" + eval.count());
    }
    // CIFAR's records are channel-major; the graph wants NHWC. Converting here, once, is cheaper than a uint8
    // Transpose op, which oneDNN does not support on every CPU (it logs an error and falls back).
    try (TUint8 tp = TUint8.tensorOf(Shape.of(trainCount, 32, 32, 3), DataBuffers.of(toHwc(train), true, false));
        TInt32 tl = TInt32.vectorOf(toInts(train.labels()));
        TUint8 ep = TUint8.tensorOf(Shape.of(evalCount, 32, 32, 3), DataBuffers.of(toHwc(eval), true, false));
        TInt32 el = TInt32.vectorOf(toInts(eval.labels()))) {
      Session.Runner runner = session.runner().feed(trainPixelsFeed, tp).feed(trainLabelsFeed, tl)
          .feed(evalPixelsFeed, ep).feed(evalLabelsFeed, el);
      loadOps.forEach(runner::addTarget);
      runner.run().close();
    }
  }

  /** Record layout (per image: 1,024 red, 1,024 green, 1,024 blue) to height × width × channel. */
  static byte[] toHwc(ImageSet images) {
    byte[] chw = images.pixels();
    byte[] hwc = new byte[chw.length];
    int plane = ImageSet.SIDE * ImageSet.SIDE;
    for (int base = 0; base < chw.length; base += ImageSet.IMAGE_BYTES) {
      for (int p = 0; p < plane; p++) {
        int out = base + p * 3;
        hwc[out] = chw[base + p];
        hwc[out + 1] = chw[base + plane + p];
        hwc[out + 2] = chw[base + 2 * plane + p];
      }
    }
    return hwc;
  }

  private static int[] toInts(byte[] labels) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i];
    }
    return out;
  }

  /** Draws epoch {@code epoch}'s permutation of the training set (1-based; the same for the same run and epoch). */
  void shuffle(int epoch) {
    try (TInt64 e = TInt64.scalarOf(epoch)) {
      session.runner().feed(epochFeed, e).addTarget(shuffle).run().close();
    }
  }

  /** What one training step returns: the batch's mean loss and how many of its images were classified right. */
  record StepResult(float loss, float correct) {}

  /** Runs training step {@code index} (0-based within the epoch) as global step {@code globalStep} (0-based). */
  StepResult step(int index, long globalStep) {
    return step(index, globalStep, null);
  }

  /**
   * Runs training step {@code index} of the epoch, global step {@code globalStep}, whose augmentation and dropout
   * depend on the global step alone; when {@code gradientNorms} is not null, also fetches the step's per-layer
   * gradient norms into it (same run, so they belong to this step's gradients).
   */
  StepResult step(int index, long globalStep, double[] gradientNorms) {
    try (TInt32 start = TInt32.scalarOf(index * batchSize); TInt64 step = TInt64.scalarOf(globalStep)) {
      Session.Runner runner = stepRunner(start, step);
      if (gradientNorms != null) {
        runner.fetch(diagnostics.gradientNorms());
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
    Session.Runner runner = session.runner().feed(batchStart, start).feed(stepFeed, step).fetch(stepLoss)
        .fetch(stepCorrect);
    trainTargets.forEach(runner::addTarget);
    return runner;
  }

  /**
   * Runs training step {@code index} as global step {@code globalStep} and returns the graph TensorFlow executed for
   * it, after Grappler's rewrites (mixed precision among them): what each op computed in.
   */
  List<org.tensorflow.proto.NodeDef> executedStep(int index, long globalStep) {
    try (TInt32 start = TInt32.scalarOf(index * batchSize); TInt64 step = TInt64.scalarOf(globalStep)) {
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

  /** The loss scaling of an fp16 run, else null. */
  LossScaling lossScaling() {
    return lossScaling;
  }

  /** Per-layer diagnostics, or null when the graph was built without them. */
  LayerDiagnostics diagnostics() {
    return diagnostics;
  }

  Session session() {
    return session;
  }

  /** Writes every model and training variable (not the data set) to checkpoint files starting with {@code prefix}. */
  void save(java.nio.file.Path prefix) {
    checkpoint.save(session, prefix);
  }

  /** Reads back what {@link #save} wrote (into a graph built the same way). */
  void restore(java.nio.file.Path prefix) {
    checkpoint.restore(session, prefix);
  }

  /** The learning rate the next step will use. */
  double learningRate() {
    try (Result r = session.runner().fetch(learningRate).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  int batchSize() {
    return batchSize;
  }

  int stepsPerEpoch() {
    return stepsPerEpoch;
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
