package dev.convbench.results;

/**
 * How a run trained, as its {@code run.json} records it ({@code spec.training}).
 *
 * @param epochs passes over the training set
 * @param batchSize images per step
 * @param optimizer the optimizer and its settings
 * @param schedule the learning-rate schedule
 * @param weightDecay the L2 penalty coefficient
 * @param augmentation the training-time augmentation
 * @param targetAccuracy the test accuracy in [0, 1] that defines time-to-target, or {@code null}
 * @param logEverySteps how often the training loss was recorded, in steps (0: per epoch only)
 * @param precision the number format the run computed in: {@code fp32}, {@code bf16} or {@code fp16}; files written
 *     before the setting existed lack it and read as {@value #DEFAULT_PRECISION}
 */
public record TrainingParameters(int epochs, int batchSize, OptimizerParameters optimizer,
    ScheduleParameters schedule, double weightDecay, AugmentationParameters augmentation, Double targetAccuracy,
    int logEverySteps, String precision) {

  /** The precision of every run written before precision was recorded. */
  public static final String DEFAULT_PRECISION = "fp32";

  public TrainingParameters {
    precision = precision == null ? DEFAULT_PRECISION : precision;
  }
}
