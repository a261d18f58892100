package dev.convbench.training;

/**
 * Learning-rate schedule, evaluated in the graph from the global step.
 *
 * @param type {@code constant}; {@code step} (multiply by {@code gamma} every {@code stepEpochs});
 *     {@code cosine} (from the peak to {@code minLearningRate} over the run); {@code one-cycle} (linear warm-up over
 *     {@code warmupEpochs} from peak/25 to the peak, then cosine down to {@code minLearningRate})
 * @param stepEpochs epochs between decays for {@code step}
 * @param gamma decay factor for {@code step}
 * @param warmupEpochs linear warm-up length in epochs (fractions allowed); also honoured by {@code cosine} and
 *     {@code constant} when positive
 * @param minLearningRate floor for {@code cosine} and {@code one-cycle}
 */
public record ScheduleConfig(String type, int stepEpochs, double gamma, double warmupEpochs, double minLearningRate) {

  public static final String CONSTANT = "constant";
  public static final String STEP = "step";
  public static final String COSINE = "cosine";
  public static final String ONE_CYCLE = "one-cycle";

  public ScheduleConfig {
    if (!CONSTANT.equals(type) && !STEP.equals(type) && !COSINE.equals(type) && !ONE_CYCLE.equals(type)) {
      throw new IllegalArgumentException("schedule must be constant, step, cosine or one-cycle: " + type);
    }
    if (stepEpochs < 1 || !(gamma > 0) || warmupEpochs < 0 || minLearningRate < 0) {
      throw new IllegalArgumentException("invalid schedule settings: " + this);
    }
  }

  public static ScheduleConfig defaults() {
    return new ScheduleConfig(COSINE, 30, 0.1, 0, 0);
  }

  public static ScheduleConfig constant() {
    return new ScheduleConfig(CONSTANT, 30, 0.1, 0, 0);
  }
}
