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
    int steps = graph.stepsPerEpoch();
    int batch = graph.batchSize();
    int logEvery = cfg.logEverySteps();
    listener.onStart(cfg.epochs(), steps);
    List<EpochMetrics> history = new ArrayList<>();
    double cumulative = 0;
    long globalStep = 0;
    for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
      graph.shuffle();
      double lossSum = 0;
      double correct = 0;
      long started = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        float[] r = graph.step(s);
        globalStep++;
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (!Float.isFinite(r[0])) {
          return diverged("loss became " + r[0] + " at step " + globalStep + " (epoch " + epoch + ")", history);
        }
        lossSum += r[0];
        correct += r[1];
        listener.onStep(epoch, s + 1, lossSum / (s + 1), correct / ((s + 1) * (double) batch),
            (s + 1) * (double) batch / elapsed);
        if (logEvery > 0 && globalStep % logEvery == 0) {
          listener.onStepLoss(new StepLoss(globalStep, epoch, r[0], cumulative + elapsed));
        }
      }
      double epochSeconds = (System.nanoTime() - started) / 1e9;
      cumulative += epochSeconds;
      double learningRate = graph.learningRate();
      long evalStarted = System.nanoTime();
      double[] test = graph.evaluate();
      double evalSeconds = (System.nanoTime() - evalStarted) / 1e9;
      EpochMetrics m = new EpochMetrics(epoch, lossSum / steps, correct / ((double) steps * batch), test[0], test[1],
          learningRate, epochSeconds, evalSeconds, cumulative, (double) steps * batch / epochSeconds);
      history.add(m);
      listener.onEpoch(m);
      if (!Double.isFinite(test[0])) {
        return diverged("evaluation loss became " + test[0] + " after epoch " + epoch, history);
      }
    }
    return new TrainingOutcome(TrainingOutcome.Status.COMPLETED, null, graph.parameterCount(), history);
  }

  private TrainingOutcome diverged(String reason, List<EpochMetrics> history) {
    return new TrainingOutcome(TrainingOutcome.Status.DIVERGED, reason, graph.parameterCount(), history);
  }

  @Override
  public void close() {
    graph.close();
  }
}
