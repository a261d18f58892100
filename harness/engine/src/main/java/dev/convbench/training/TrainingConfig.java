package dev.convbench.training;

import java.util.Objects;

/**
 * Everything that decides how one run trains, apart from the architecture and the data. Immutable; the experiment
 * layer builds it from YAML after validation, so the constructor only guards programming errors.
 *
 * @param epochs passes over the training set, at least 1
 * @param batchSize images per step; the last incomplete batch of an epoch is dropped (static shapes are faster)
 * @param optimizer optimizer and its learning rate
 * @param schedule learning-rate schedule over the whole run
 * @param weightDecay L2 penalty coefficient as in PyTorch's {@code weight_decay}: adds {@code wd * w} to each gradient
 * @param augmentation training-time augmentation (graph ops)
 * @param targetAccuracy test accuracy in [0, 1] that defines time-to-target; {@code null} for none
 * @param logEverySteps record the training loss every this many steps (0 = only per epoch)
 * @param precision the number format the run computes in; never {@link Precision#AUTO} once a run starts
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    Optimizer optimizer,
    LearningRateSchedule schedule,
    double weightDecay,
    AugmentationConfig augmentation,
    Double targetAccuracy,
    int logEverySteps,
    Precision precision) {

  public TrainingConfig {
    // Unset: fp32, the default.
    precision = precision == null ? Precision.FP32 : precision;
    if (epochs < 1 || batchSize < 1 || weightDecay < 0 || logEverySteps < 0) {
      throw new IllegalArgumentException("invalid training config: epochs=" + epochs + ", batch=" + batchSize
          + ", weight-decay=" + weightDecay + ", log-every-steps=" + logEverySteps);
    }
    Objects.requireNonNull(optimizer);
    Objects.requireNonNull(schedule);
    Objects.requireNonNull(augmentation);
  }

  /** A configuration in fp32. */
  public TrainingConfig(int epochs, int batchSize, Optimizer optimizer, LearningRateSchedule schedule,
      double weightDecay, AugmentationConfig augmentation, Double targetAccuracy, int logEverySteps) {
    this(epochs, batchSize, optimizer, schedule, weightDecay, augmentation, targetAccuracy, logEverySteps,
        Precision.FP32);
  }

  /** Sensible defaults for CIFAR-10: SGD 0.05 with Nesterov momentum, cosine schedule, standard augmentation. */
  public static TrainingConfig defaults() {
    return new TrainingConfig(10, 128, Optimizer.defaults(), LearningRateSchedule.defaults(), 5e-4,
        AugmentationConfig.standard(), null, 10);
  }

  public TrainingConfig withEpochs(int e) {
    return new TrainingConfig(e, batchSize, optimizer, schedule, weightDecay, augmentation, targetAccuracy, logEverySteps,
        precision);
  }

  public TrainingConfig withBatchSize(int b) {
    return new TrainingConfig(epochs, b, optimizer, schedule, weightDecay, augmentation, targetAccuracy, logEverySteps,
        precision);
  }

  public TrainingConfig withOptimizer(Optimizer o) {
    return new TrainingConfig(epochs, batchSize, o, schedule, weightDecay, augmentation, targetAccuracy, logEverySteps,
        precision);
  }

  public TrainingConfig withSchedule(LearningRateSchedule s) {
    return new TrainingConfig(epochs, batchSize, optimizer, s, weightDecay, augmentation, targetAccuracy, logEverySteps,
        precision);
  }

  public TrainingConfig withWeightDecay(double wd) {
    return new TrainingConfig(epochs, batchSize, optimizer, schedule, wd, augmentation, targetAccuracy, logEverySteps,
        precision);
  }

  public TrainingConfig withAugmentation(AugmentationConfig a) {
    return new TrainingConfig(epochs, batchSize, optimizer, schedule, weightDecay, a, targetAccuracy, logEverySteps,
        precision);
  }

  public TrainingConfig withTargetAccuracy(Double t) {
    return new TrainingConfig(epochs, batchSize, optimizer, schedule, weightDecay, augmentation, t, logEverySteps,
        precision);
  }

  public TrainingConfig withPrecision(Precision p) {
    return new TrainingConfig(epochs, batchSize, optimizer, schedule, weightDecay, augmentation, targetAccuracy,
        logEverySteps, p);
  }
}
