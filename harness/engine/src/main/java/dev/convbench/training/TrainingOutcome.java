package dev.convbench.training;

import java.util.List;

/**
 * How a run ended. A run that throws does not produce an outcome: the caller records it as failed.
 *
 * @param status how it ended
 * @param reason why it diverged (step and loss) or was interrupted, or {@code null}
 * @param parameters trainable parameters of the network
 * @param epochs the metrics of the epochs finished in this process (after a resume: since the resume)
 */
public record TrainingOutcome(Status status, String reason, long parameters, List<EpochMetrics> epochs) {

  /** Final state of a run that did not throw. */
  public enum Status {
    /** Trained every epoch. */
    COMPLETED,
    /** The loss became non-finite. */
    DIVERGED,
    /** Stopped on request (a signal) after a step, with a checkpoint written: it can be resumed. */
    INTERRUPTED
  }
}
