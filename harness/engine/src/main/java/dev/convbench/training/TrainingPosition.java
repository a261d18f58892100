package dev.convbench.training;

/**
 * Where a run stands, as a checkpoint records it: enough, with the checkpointed variables, to continue exactly where
 * it stopped. Data order and augmentation are functions of the seed and the epoch/step
 * ({@link dev.convbench.graph.RandomStreams}), so nothing random needs saving.
 *
 * @param epoch the epoch in progress or next (1-based)
 * @param stepInEpoch steps of that epoch already trained (0 at an epoch's start)
 * @param globalStep steps trained in all
 * @param cumulativeSeconds training seconds of the finished epochs
 * @param partial the running sums of the epoch in progress; zeros at an epoch's start
 * @param bestAccuracy the best evaluation accuracy so far (for keeping the best model), NaN before any evaluation
 * @param lastAccuracy the evaluation accuracy after the last finished epoch, NaN before any evaluation
 */
public record TrainingPosition(int epoch, int stepInEpoch, long globalStep, double cumulativeSeconds,
    EpochProgress partial, double bestAccuracy, double lastAccuracy) {

  /** The very beginning of a run. */
  public static TrainingPosition start() {
    return new TrainingPosition(1, 0, 0, 0, EpochProgress.empty(0), Double.NaN, Double.NaN);
  }

  /**
   * The running sums of an epoch in progress.
   *
   * @param lossSum sum of the steps' mean losses
   * @param correct images classified correctly
   * @param ratioSum per-layer sums of sampled update-to-weight ratios
   * @param samples diagnostics samples taken
   * @param seconds training seconds of the epoch's steps so far (their session runs only)
   */
  public record EpochProgress(double lossSum, double correct, double[] ratioSum, int samples, double seconds) {

    public EpochProgress {
      ratioSum = ratioSum.clone();
    }

    static EpochProgress empty(int layers) {
      return new EpochProgress(0, 0, new double[layers], 0, 0);
    }
  }
}
