package dev.convbench.training;

/**
 * The training loss at one step, recorded every {@link TrainingConfig#logEverySteps()} steps.
 *
 * @param step 1-based global step
 * @param epoch 1-based epoch the step belongs to
 * @param loss the step's mean cross-entropy
 * @param seconds training seconds since the run started
 */
public record StepLoss(long step, int epoch, double loss, double seconds) {
}
