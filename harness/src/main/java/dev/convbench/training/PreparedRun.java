package dev.convbench.training;

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
   * Trains for the configured epochs, evaluating after each.
   *
   * @param listener receives progress and metrics as they happen
   * @return completed, or diverged when the loss became NaN or infinite (training stops there, metrics kept)
   */
  public TrainingOutcome run(TrainingListener listener) {
    ProcessMemory.resetPeak();
    int steps = graph.stepsPerEpoch();
    int batch = graph.batchSize();
    int logEvery = cfg.logEverySteps();
    LayerDiagnostics diagnostics = graph.diagnostics();
    int layers = diagnostics == null ? 0 : diagnostics.layers().size();
    listener.onStart(cfg.epochs(), steps);
    List<EpochMetrics> history = new ArrayList<>();
    double cumulative = 0;
    long globalStep = 0;
    try {
      for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
        graph.shuffle();
        if (diagnostics != null) {
          diagnostics.resetEpoch(graph.session());
        }
        double lossSum = 0;
        double correct = 0;
        double[] ratioSum = new double[layers];
        int samples = 0;
        long started = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          boolean sample = logEvery > 0 && (globalStep + 1) % logEvery == 0;
          double[] gradientNorms = sample && diagnostics != null ? new double[layers] : null;
          if (gradientNorms != null) {
            diagnostics.beforeStep(graph.session());
          }
          float[] r = graph.step(s, gradientNorms);
          globalStep++;
          if (!Float.isFinite(r[0])) {
            return diverged("loss became " + r[0] + " at step " + globalStep + " (epoch " + epoch + ")", history);
          }
          if (gradientNorms != null) {
            double[] weightNorms = new double[layers];
            double[] ratios = new double[layers];
            diagnostics.afterStep(graph.session(), weightNorms, ratios);
            for (int i = 0; i < layers; i++) {
              ratioSum[i] += ratios[i];
            }
            samples++;
            listener.onLayerStats(new LayerStats(LayerStats.Kind.SAMPLE, globalStep, epoch, diagnostics.layers(),
                gradientNorms, weightNorms, ratios));
          }
          double elapsed = (System.nanoTime() - started) / 1e9;
          lossSum += r[0];
          correct += r[1];
          listener.onStep(epoch, s + 1, lossSum / (s + 1), correct / ((s + 1) * (double) batch),
              (s + 1) * (double) batch / elapsed);
          if (sample) {
            listener.onStepLoss(new StepLoss(globalStep, epoch, r[0], cumulative + elapsed));
          }
        }
        double epochSeconds = (System.nanoTime() - started) / 1e9;
        cumulative += epochSeconds;
        if (diagnostics != null) {
          double[] sums = new double[layers];
          double[] weightNorms = new double[layers];
          diagnostics.epochEnd(graph.session(), sums, weightNorms);
          double[] ratios = new double[layers];
          for (int i = 0; i < layers; i++) {
            sums[i] /= steps;
            ratios[i] = samples == 0 ? Double.NaN : ratioSum[i] / samples;
          }
          listener.onLayerStats(new LayerStats(LayerStats.Kind.EPOCH, globalStep, epoch, diagnostics.layers(), sums,
              weightNorms, ratios));
        }
        double learningRate = graph.learningRate();
        long evalStarted = System.nanoTime();
        Evaluation test = graph.evaluate();
        double evalSeconds = (System.nanoTime() - evalStarted) / 1e9;
        Evaluation trainSample = graph.evaluateTrainSample();
        EpochMetrics m = new EpochMetrics(epoch, lossSum / steps, correct / ((double) steps * batch), test.loss(),
            test.accuracy(), learningRate, epochSeconds, evalSeconds, cumulative, (double) steps * batch / epochSeconds,
            trainSample.loss(), trainSample.accuracy());
        history.add(m);
        listener.onEpoch(m);
        listener.onConfusion(epoch, test.confusion());
        if (!Double.isFinite(test.loss())) {
          return diverged("evaluation loss became " + test.loss() + " after epoch " + epoch, history);
        }
      }
      return new TrainingOutcome(TrainingOutcome.Status.COMPLETED, null, graph.parameterCount(), history);
    } finally {
      listener.onResources(ProcessMemory.peakResidentBytes());
    }
  }

  private TrainingOutcome diverged(String reason, List<EpochMetrics> history) {
    return new TrainingOutcome(TrainingOutcome.Status.DIVERGED, reason, graph.parameterCount(), history);
  }

  @Override
  public void close() {
    graph.close();
  }
}
