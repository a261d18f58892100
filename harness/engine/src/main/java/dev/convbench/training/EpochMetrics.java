package dev.convbench.training;

/**
 * What one epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's steps (cross-entropy, without weight decay)
 * @param trainAccuracy fraction of training images classified correctly during the epoch (training mode, augmented)
 * @param testLoss mean loss on the evaluation set, inference mode
 * @param testAccuracy accuracy on the evaluation set, inference mode
 * @param learningRate learning rate at the epoch's last step
 * @param epochSeconds seconds of the epoch's training steps: the training step's session runs only (the per-layer
 *     gradient norms fetched in them included); evaluation, diagnostics sampling, listeners, progress and file
 *     writes excluded
 * @param evalSeconds wall-clock seconds of the evaluation after the epoch
 * @param cumulativeSeconds training seconds since the run started (sum of epochSeconds)
 * @param imagesPerSecond training throughput of the epoch
 * @param trainEvalLoss loss on a fixed sample of training images in inference mode (NaN when not measured)
 * @param trainEvalAccuracy accuracy on that sample in inference mode, to compare with {@code testAccuracy}: the gap
 *     is over-fitting (NaN when not measured)
 * @param overheadSeconds seconds of the epoch's training loop spent outside the timed steps: diagnostics sampling
 *     runs, listeners, progress, CSV writes (in this process: a resumed epoch counts from the resume; checkpoints
 *     are timed in {@code checkpoints.csv}); NaN when not measured
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
    double learningRate, double epochSeconds, double evalSeconds, double cumulativeSeconds, double imagesPerSecond,
    double trainEvalLoss, double trainEvalAccuracy, double overheadSeconds) {

  /** Metrics without the overhead outside the timed steps (results written before it was measured). */
  public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
      double learningRate, double epochSeconds, double evalSeconds, double cumulativeSeconds, double imagesPerSecond,
      double trainEvalLoss, double trainEvalAccuracy) {
    this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, learningRate, epochSeconds, evalSeconds,
        cumulativeSeconds, imagesPerSecond, trainEvalLoss, trainEvalAccuracy, Double.NaN);
  }

  /** Metrics without the training-sample evaluation. */
  public EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
      double learningRate, double epochSeconds, double evalSeconds, double cumulativeSeconds,
      double imagesPerSecond) {
    this(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, learningRate, epochSeconds, evalSeconds,
        cumulativeSeconds, imagesPerSecond, Double.NaN, Double.NaN);
  }
}
