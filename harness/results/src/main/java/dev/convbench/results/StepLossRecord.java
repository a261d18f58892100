package dev.convbench.results;

/**
 * One row of {@value MetricsCsv#STEP_FILE}: the training loss at one step.
 *
 * @param step 1-based global step
 * @param epoch 1-based epoch the step belongs to
 * @param loss the step's mean cross-entropy
 * @param seconds training seconds since the run started
 */
public record StepLossRecord(long step, int epoch, double loss, double seconds) {}
