package dev.convbench.training;

/**
 * The running sums of one epoch's training steps (loss, images classified right, sampled update-to-weight ratios,
 * training seconds) and, when its steps are done, the epoch's {@link EpochMetrics}. An epoch resumed from a
 * checkpoint starts from the sums the checkpoint kept ({@link TrainingPosition.EpochProgress}).
 *
 * <p>Two clocks: training seconds count the steps' session runs only, from before a resume too (what
 * {@link EpochMetrics#epochSeconds()} reports); the running throughput and the overhead count this process's part of
 * the epoch, from {@code startNanos} on.
 */
final class EpochAccumulator {

  private final int epoch;
  private final int stepsPerEpoch;
  private final int batchSize;
  private final long startNanos;
  private int stepsDone;
  private int stepsHere;
  private double lossSum;
  private double correct;
  private final double[] ratioSum;
  private int samples;
  private double seconds;
  private double secondsHere;
  private boolean finished;
  private double overheadSeconds;

  private EpochAccumulator(int epoch, int stepsPerEpoch, int batchSize, int layers, int stepsDone,
      TrainingPosition.EpochProgress done, long startNanos) {
    this.epoch = epoch;
    this.stepsPerEpoch = stepsPerEpoch;
    this.batchSize = batchSize;
    this.startNanos = startNanos;
    this.stepsDone = stepsDone;
    lossSum = done.lossSum();
    correct = done.correct();
    // A checkpoint written without diagnostics has no ratios to continue.
    ratioSum = done.ratioSum().length == layers ? done.ratioSum().clone() : new double[layers];
    samples = done.samples();
    seconds = done.seconds();
  }

  /**
   * Epoch {@code epoch} from its first step.
   *
   * @param layers how many layers the diagnostics sample (0 without diagnostics)
   * @param startNanos {@link System#nanoTime()} now
   */
  static EpochAccumulator start(int epoch, int stepsPerEpoch, int batchSize, int layers, long startNanos) {
    return new EpochAccumulator(epoch, stepsPerEpoch, batchSize, layers, 0,
        TrainingPosition.EpochProgress.empty(layers), startNanos);
  }

  /** The epoch {@code at} stands in, from the step it stopped at and with the sums it kept. */
  static EpochAccumulator resume(TrainingPosition at, int stepsPerEpoch, int batchSize, int layers,
      long startNanos) {
    return new EpochAccumulator(at.epoch(), stepsPerEpoch, batchSize, layers, at.stepInEpoch(), at.partial(),
        startNanos);
  }

  /** Adds a finished step: its mean loss, its images classified right and the seconds of its session run. */
  void addStep(float loss, float correctImages, double stepSeconds) {
    if (finished || stepsDone == stepsPerEpoch) {
      throw new IllegalStateException("epoch " + epoch + " has only " + stepsPerEpoch + " steps");
    }
    stepsDone++;
    stepsHere++;
    lossSum += loss;
    correct += correctImages;
    seconds += stepSeconds;
    secondsHere += stepSeconds;
  }

  /** Adds one diagnostics sample's per-layer update-to-weight ratios. */
  void addUpdateRatios(double[] ratios) {
    for (int i = 0; i < ratioSum.length; i++) {
      ratioSum[i] += ratios[i];
    }
    samples++;
  }

  int epoch() {
    return epoch;
  }

  /** Steps of the epoch trained, before a resume included: the next step's index. */
  int stepsDone() {
    return stepsDone;
  }

  /** The mean loss of the epoch's steps so far. */
  double meanLoss() {
    return lossSum / stepsDone;
  }

  /** The fraction of the epoch's images so far that were classified right (in training mode, augmented). */
  double accuracy() {
    return correct / (stepsDone * (double) batchSize);
  }

  /** Training images per second of the steps trained in this process. */
  double imagesPerSecond() {
    return stepsHere * (double) batchSize / secondsHere;
  }

  /** Training seconds of the epoch's steps so far, before a resume included. */
  double seconds() {
    return seconds;
  }

  /** The sums so far, for a checkpoint written within the epoch. */
  TrainingPosition.EpochProgress progress() {
    return new TrainingPosition.EpochProgress(lossSum, correct, ratioSum, samples, seconds);
  }

  /**
   * Ends the epoch's steps: what this process spent since {@code startNanos} outside the steps' session runs is the
   * epoch's overhead.
   */
  void finishSteps(long nowNanos) {
    if (stepsDone != stepsPerEpoch) {
      throw new IllegalStateException("epoch " + epoch + " ended after " + stepsDone + " of " + stepsPerEpoch
          + " steps");
    }
    overheadSeconds = (nowNanos - startNanos) / 1e9 - secondsHere;
    finished = true;
  }

  /** The mean update-to-weight ratio per layer over the epoch's samples; NaN where none was taken. */
  double[] meanUpdateRatios() {
    double[] means = new double[ratioSum.length];
    for (int i = 0; i < means.length; i++) {
      means[i] = samples == 0 ? Double.NaN : ratioSum[i] / samples;
    }
    return means;
  }

  /**
   * The epoch's metrics, once its steps are finished.
   *
   * @param learningRate the learning rate after the epoch's last step
   * @param test the evaluation after the epoch
   * @param evalSeconds how long that evaluation took
   * @param trainSample the evaluation of the training sample
   * @param cumulativeSeconds the run's training seconds up to the end of this epoch
   */
  EpochMetrics metrics(double learningRate, Evaluation test, double evalSeconds, Evaluation trainSample,
      double cumulativeSeconds) {
    if (!finished) {
      throw new IllegalStateException("epoch " + epoch + "'s steps are not finished");
    }
    return new EpochMetrics(epoch, lossSum / stepsPerEpoch, correct / ((double) stepsPerEpoch * batchSize),
        test.loss(), test.accuracy(), learningRate, seconds, evalSeconds, cumulativeSeconds,
        (double) stepsPerEpoch * batchSize / seconds, trainSample.loss(), trainSample.accuracy(), overheadSeconds);
  }
}
