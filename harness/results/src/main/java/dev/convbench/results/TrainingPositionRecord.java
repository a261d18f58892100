package dev.convbench.results;

/**
 * Where a run stood when a checkpoint was written ({@link CheckpointRecord#position()}): with the checkpointed
 * variables, enough to continue exactly there.
 *
 * @param epoch the epoch in progress or next (1-based)
 * @param stepInEpoch steps of that epoch already trained (0 at an epoch's start)
 * @param globalStep steps trained in all
 * @param cumulativeSeconds training seconds of the finished epochs
 * @param partial the running sums of the epoch in progress; zeros at an epoch's start
 * @param bestAccuracy the best evaluation accuracy so far, {@code NaN} before any evaluation
 * @param lastAccuracy the evaluation accuracy after the last finished epoch, {@code NaN} before any evaluation
 */
public record TrainingPositionRecord(int epoch, int stepInEpoch, long globalStep, double cumulativeSeconds,
    EpochProgress partial, double bestAccuracy, double lastAccuracy) {

  /**
   * The running sums of an epoch in progress.
   *
   * @param lossSum sum of the steps' mean losses
   * @param correct images classified correctly
   * @param ratioSum per-layer sums of sampled update-to-weight ratios
   * @param samples diagnostics samples taken
   * @param seconds training seconds of the epoch's steps so far
   */
  public record EpochProgress(double lossSum, double correct, double[] ratioSum, int samples, double seconds) {

    public EpochProgress {
      ratioSum = ratioSum.clone();
    }

    @Override
    public double[] ratioSum() {
      return ratioSum.clone();
    }
  }
}
