package dev.convbench.results;

/**
 * One row of {@value MetricsCsv#EPOCH_FILE}: what one epoch measured.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's steps (cross-entropy, without weight decay)
 * @param trainAccuracy fraction of training images classified correctly during the epoch (training mode, augmented)
 * @param testLoss mean loss on the evaluation set, inference mode
 * @param testAccuracy accuracy on the evaluation set, inference mode
 * @param learningRate learning rate at the epoch's last step
 * @param epochSeconds seconds of the epoch's training steps (their session runs only)
 * @param evalSeconds wall-clock seconds of the evaluation after the epoch
 * @param cumulativeSeconds training seconds since the run started (sum of {@code epochSeconds})
 * @param imagesPerSecond training throughput of the epoch
 * @param trainEvalLoss loss on a fixed sample of training images in inference mode; {@code NaN} when not measured
 *     or written before it was
 * @param trainEvalAccuracy accuracy on that sample in inference mode; {@code NaN} when not measured
 * @param overheadSeconds seconds of the epoch's training loop spent outside the timed steps; {@code NaN} when not
 *     measured
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
    double learningRate, double epochSeconds, double evalSeconds, double cumulativeSeconds, double imagesPerSecond,
    double trainEvalLoss, double trainEvalAccuracy, double overheadSeconds) {}
