package dev.convbench.training;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one architecture on one data set with one seed, epoch by epoch, evaluating after each epoch. Stateless:
 * each call builds, runs and closes its own graph and session.
 */
public final class Trainer {

  /**
   * Runs the training.
   *
   * @param listener receives progress and metrics as they happen
   * @return completed, or diverged when the loss became NaN or infinite (training stops there, metrics kept)
   * @throws RuntimeException anything the plugin or TensorFlow throws; the caller records the run as failed
   */
  public TrainingOutcome train(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      long seed, TrainingListener listener) {
    ImageSet train = data.train();
    ImageSet eval = data.eval();
    try (TrainingGraph graph = new TrainingGraph(plugin, params, cfg, train.count(), eval.count(),
        ImageSet.CLASSES, seed)) {
      graph.load(train, eval);
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
            String reason = "loss became " + r[0] + " at step " + globalStep + " (epoch " + epoch + ")";
            return new TrainingOutcome(TrainingOutcome.Status.DIVERGED, reason, graph.parameterCount(), history);
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
        EpochMetrics m = new EpochMetrics(epoch, lossSum / steps, correct / ((double) steps * batch), test[0],
            test[1], learningRate, epochSeconds, evalSeconds, cumulative, (double) steps * batch / epochSeconds);
        history.add(m);
        listener.onEpoch(m);
        if (!Double.isFinite(test[0])) {
          String reason = "evaluation loss became " + test[0] + " after epoch " + epoch;
          return new TrainingOutcome(TrainingOutcome.Status.DIVERGED, reason, graph.parameterCount(), history);
        }
      }
      return new TrainingOutcome(TrainingOutcome.Status.COMPLETED, null, graph.parameterCount(), history);
    }
  }
}
