package dev.convbench.training;

import dev.convbench.results.RunStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A run whose graph is built and whose data is loaded, ready to train. Close it to free the graph and session.
 */
public final class PreparedRun implements AutoCloseable {

  private final TrainingGraph graph;
  private final TrainingConfig cfg;

  PreparedRun(TrainingGraph graph, TrainingConfig cfg) {
    this.graph = graph;
    this.cfg = cfg;
  }

  /** Trainable parameters of the built network. */
  public long parameterCount() {
    return graph.parameterCount();
  }

  /** The network layer by layer, as {@code convbench describe} shows it. */
  public List<dev.convbench.graph.LayerInfo> structure() {
    return graph.structure();
  }

  /** Multiply-accumulates per image of one forward pass. */
  public long macsPerImage() {
    return graph.structure().stream().mapToLong(dev.convbench.graph.LayerInfo::macs).sum();
  }

  /** Steps per epoch (the last incomplete batch of each epoch is dropped). */
  public int stepsPerEpoch() {
    return graph.stepsPerEpoch();
  }

  /**
   * Trains for the configured epochs, evaluating after each, from the beginning and without checkpoints.
   *
   * @param listener receives progress and metrics as they happen
   * @return completed, or diverged when the loss became NaN or infinite (training stops there, metrics kept)
   */
  public TrainingOutcome run(TrainingListener listener) {
    return run(listener, null, null, CheckpointPolicy.defaults(), CheckpointSink.NONE, () -> false);
  }

  /**
   * Trains from {@code from} (or the beginning) to the last epoch, evaluating after each epoch and writing
   * checkpoints as {@code policy} says. After every step it asks {@code stop}; when that says yes, it writes a
   * checkpoint and returns {@link RunStatus#INTERRUPTED}.
   *
   * @param checkpoint the checkpoint to continue from (its variables' file prefix), or null to start afresh
   * @param from where that checkpoint stands; null with a null checkpoint
   * @throws CheckpointException when a checkpoint cannot be written or read
   */
  public TrainingOutcome run(TrainingListener listener, java.nio.file.Path checkpoint, TrainingPosition from,
      CheckpointPolicy policy, CheckpointSink sink, java.util.function.BooleanSupplier stop) {
    return run(listener, checkpoint, from, policy, sink, stop, null);
  }

  /**
   * As {@link #run(TrainingListener, java.nio.file.Path, TrainingPosition, CheckpointPolicy, CheckpointSink,
   * java.util.function.BooleanSupplier)}, also writing a TensorBoard event file into {@code eventDirectory} (unless
   * null): the graph, the loss of every logged step, each epoch's metrics and, with diagnostics, per-layer histograms
   * of weights and gradients at their sampling steps. The file receives its events with each checkpoint and when
   * training ends.
   *
   * @throws java.io.UncheckedIOException when the event file cannot be written (a full disk), as for the CSV files
   */
  public TrainingOutcome run(TrainingListener listener, java.nio.file.Path checkpoint, TrainingPosition from,
      CheckpointPolicy policy, CheckpointSink sink, java.util.function.BooleanSupplier stop,
      java.nio.file.Path eventDirectory) {
    boolean events = eventDirectory != null;
    if (events) {
      writeEvents(eventDirectory, () -> graph.openEvents(eventDirectory));
    }
    TrainingOutcome outcome;
    try {
      outcome = train(listener, checkpoint, from, policy, sink, stop, eventDirectory);
    } catch (RuntimeException | Error e) {
      if (events) {
        try {
          writeEvents(eventDirectory, graph::closeEvents);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    if (events) {
      writeEvents(eventDirectory, graph::closeEvents);
    }
    return outcome;
  }

  /**
   * What a step writes to the event file: the loss at every logged step; the histograms at an epoch's last logged step
   * only, since TensorFlow's histogram kernel reads every weight and gradient on one thread (about a second each time
   * for ResNet-18 on a 2-core CPU: 15 % more training time for the quickstart when taken at every logged step), and
   * the step that takes them is timed with them.
   */
  private static TrainingGraph.StepEvents stepEvents(boolean events, boolean logged, boolean lastLoggedOfEpoch) {
    if (!events || !logged) {
      return TrainingGraph.StepEvents.NONE;
    }
    return lastLoggedOfEpoch ? TrainingGraph.StepEvents.LOSS_AND_HISTOGRAMS : TrainingGraph.StepEvents.LOSS;
  }

  private TrainingOutcome train(TrainingListener listener, java.nio.file.Path checkpoint, TrainingPosition from,
      CheckpointPolicy policy, CheckpointSink sink, java.util.function.BooleanSupplier stop,
      java.nio.file.Path eventDirectory) {
    boolean events = eventDirectory != null;
    ProcessMemory.resetPeak();
    int steps = graph.stepsPerEpoch();
    int batch = graph.batchSize();
    int logEvery = cfg.logEverySteps();
    LayerDiagnostics diagnostics = graph.diagnostics();
    int layers = diagnostics == null ? 0 : diagnostics.layers().size();
    TrainingPosition at = from == null ? TrainingPosition.start() : from;
    if (checkpoint != null) {
      graph.restore(checkpoint);
    }
    listener.onStart(cfg.epochs(), steps);
    List<EpochMetrics> history = new ArrayList<>();
    double cumulative = at.cumulativeSeconds();
    long globalStep = at.globalStep();
    double best = at.bestAccuracy();
    double lastAccuracy = at.lastAccuracy();
    long lastCheckpoint = System.nanoTime();
    try {
      for (int epoch = at.epoch(); epoch <= cfg.epochs(); epoch++) {
        graph.shuffle(epoch);
        boolean resumedMidEpoch = epoch == at.epoch() && at.stepInEpoch() > 0;
        if (diagnostics != null && !resumedMidEpoch) {
          diagnostics.resetEpoch(graph.session());
        }
        long epochStarted = System.nanoTime();
        EpochAccumulator epochSums = resumedMidEpoch ? EpochAccumulator.resume(at, steps, batch, layers, epochStarted)
            : EpochAccumulator.start(epoch, steps, batch, layers, epochStarted);
        for (int s = epochSums.stepsDone(); s < steps; s++) {
          boolean sample = logEvery > 0 && (globalStep + 1) % logEvery == 0;
          double[] gradientNorms = sample && diagnostics != null ? new double[layers] : null;
          if (gradientNorms != null) {
            diagnostics.beforeStep(graph.session());
          }
          long stepStarted = System.nanoTime();
          TrainingGraph.StepResult r = graph.step(s, globalStep, gradientNorms, stepEvents(events, sample,
              s + logEvery >= steps));
          double stepSeconds = (System.nanoTime() - stepStarted) / 1e9;
          globalStep++;
          listener.onStepTime(stepSeconds);
          if (!Float.isFinite(r.loss())) {
            return diverged("loss became " + r.loss() + " at step " + globalStep + " (epoch " + epoch + ")", history);
          }
          epochSums.addStep(r.loss(), r.correct(), stepSeconds);
          if (gradientNorms != null) {
            double[] weightNorms = new double[layers];
            double[] ratios = new double[layers];
            diagnostics.afterStep(graph.session(), weightNorms, ratios);
            epochSums.addUpdateRatios(ratios);
            listener.onLayerStats(new LayerStats(LayerStats.Kind.SAMPLE, globalStep, epoch, diagnostics.layers(),
                gradientNorms, weightNorms, ratios));
          }
          listener.onStep(epoch, epochSums.stepsDone(), epochSums.meanLoss(), epochSums.accuracy(),
              epochSums.imagesPerSecond());
          if (sample) {
            listener.onStepLoss(new StepLoss(globalStep, epoch, r.loss(), cumulative + epochSums.seconds()));
          }
          boolean stopping = stop.getAsBoolean();
          boolean timeUp = policy.every() != null && System.nanoTime() - lastCheckpoint > policy.every().toNanos();
          if ((stopping || timeUp) && s + 1 < steps) {
            checkpoint(sink, new TrainingPosition(epoch, s + 1, globalStep, cumulative, epochSums.progress(), best,
                lastAccuracy), eventDirectory);
            lastCheckpoint = System.nanoTime();
            if (stopping) {
              return interrupted("stopped at step " + (s + 1) + " of epoch " + epoch, history);
            }
          }
        }
        epochSums.finishSteps(System.nanoTime());
        cumulative += epochSums.seconds();
        if (diagnostics != null) {
          double[] gradientNorms = new double[layers];
          double[] weightNorms = new double[layers];
          diagnostics.epochEnd(graph.session(), gradientNorms, weightNorms);
          for (int i = 0; i < layers; i++) {
            gradientNorms[i] /= steps; // the graph summed every step's norms
          }
          listener.onLayerStats(new LayerStats(LayerStats.Kind.EPOCH, globalStep, epoch, diagnostics.layers(),
              gradientNorms, weightNorms, epochSums.meanUpdateRatios()));
        }
        double learningRate = graph.learningRate();
        long evalStarted = System.nanoTime();
        Evaluation test = graph.evaluate();
        double evalSeconds = (System.nanoTime() - evalStarted) / 1e9;
        Evaluation trainSample = graph.evaluateTrainSample();
        EpochMetrics m = epochSums.metrics(learningRate, test, evalSeconds, trainSample, cumulative);
        history.add(m);
        listener.onEpoch(m);
        if (events) {
          graph.writeEpochEvents(globalStep, m);
        }
        listener.onConfusion(epoch, test.confusion());
        if (!Double.isFinite(test.loss())) {
          return diverged("evaluation loss became " + test.loss() + " after epoch " + epoch, history);
        }
        lastAccuracy = test.accuracy();
        if (!(test.accuracy() <= best)) {
          best = test.accuracy();
          if (sink.wantsBestEpochs()) {
            try {
              sink.bestEpoch(epoch, best, graph::save);
            } catch (IOException e) {
              throw new CheckpointException("cannot keep the model of epoch " + epoch + ": " + e.getMessage(), e);
            }
          }
        }
        boolean last = epoch == cfg.epochs();
        boolean stopping = stop.getAsBoolean();
        if (last || stopping || (policy.everyEpochs() > 0 && epoch % policy.everyEpochs() == 0)) {
          checkpoint(sink, new TrainingPosition(epoch + 1, 0, globalStep, cumulative,
              TrainingPosition.EpochProgress.empty(layers), best, lastAccuracy), eventDirectory);
          lastCheckpoint = System.nanoTime();
        }
        if (stopping && !last) {
          return interrupted("stopped after epoch " + epoch, history);
        }
      }
      return new TrainingOutcome(RunStatus.COMPLETED, null, graph.parameterCount(), history);
    } finally {
      listener.onResources(ProcessMemory.peakResidentBytes());
    }
  }

  /**
   * Writes a checkpoint, then the events held since the last one: the event file then holds what a run resumed from
   * this checkpoint will not write again.
   */
  private void checkpoint(CheckpointSink sink, TrainingPosition position, java.nio.file.Path eventDirectory) {
    try {
      sink.checkpoint(position, graph::save);
    } catch (IOException e) {
      throw new CheckpointException("cannot write the checkpoint of epoch " + position.epoch() + ": " + e.getMessage(),
          e);
    }
    if (eventDirectory != null) {
      writeEvents(eventDirectory, graph::flushEvents);
    }
  }

  /**
   * Runs {@code write}, a session run that opens, writes or closes the event file in {@code directory}; TensorFlow's
   * error (a full disk, permissions) becomes the I/O error it is, so that the matrix stops as for the CSV files.
   */
  private static void writeEvents(java.nio.file.Path directory, Runnable write) {
    try {
      write.run();
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      String message = String.valueOf(e.getMessage()).strip();
      int newline = message.indexOf('\n'); // TensorFlow appends the failing node on further lines
      String cause = (newline < 0 ? message : message.substring(0, newline)).strip();
      throw new java.io.UncheckedIOException("cannot write the TensorBoard event file in " + directory + " (" + cause
          + ")", new IOException(cause, e));
    }
  }

  private TrainingOutcome interrupted(String reason, List<EpochMetrics> history) {
    return new TrainingOutcome(RunStatus.INTERRUPTED, reason, graph.parameterCount(), history);
  }

  private TrainingOutcome diverged(String reason, List<EpochMetrics> history) {
    return new TrainingOutcome(RunStatus.DIVERGED, reason, graph.parameterCount(), history);
  }

  @Override
  public void close() {
    graph.close();
  }
}
