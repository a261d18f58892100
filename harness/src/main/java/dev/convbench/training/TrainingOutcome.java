package dev.convbench.training;

import java.util.List;

/**
 * How a run ended. A run that throws does not produce an outcome: the caller records it as failed.
 *
 * @param status {@link Status#COMPLETED} or {@link Status#DIVERGED}
 * @param reason why it diverged (step and loss), or {@code null}
 * @param parameters trainable parameters of the network
 * @param epochs the metrics of every finished epoch
 */
public record TrainingOutcome(Status status, String reason, long parameters, List<EpochMetrics> epochs) {

  /** Final state of a run that did not throw. */
  public enum Status { COMPLETED, DIVERGED }
}
