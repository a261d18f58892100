package dev.convbench.results;

/**
 * The learning-rate schedule of a run ({@code spec.training.schedule}): one flat object with every schedule's
 * fields, those of the schedules not used at their defaults, as every version has written it.
 *
 * @param type {@code constant}, {@code step}, {@code cosine} or {@code one-cycle}
 * @param stepEpochs epochs between decays of the {@code step} schedule
 * @param gamma decay factor of the {@code step} schedule
 * @param warmupEpochs linear warm-up length in epochs
 * @param minLearningRate the floor of {@code cosine} and {@code one-cycle}
 */
public record ScheduleParameters(String type, int stepEpochs, double gamma, double warmupEpochs,
    double minLearningRate) {}
