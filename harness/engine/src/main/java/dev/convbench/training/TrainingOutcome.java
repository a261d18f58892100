package dev.convbench.training;

import dev.convbench.results.RunStatus;
import java.util.List;

/**
 * How a run ended. A run that throws does not produce an outcome: the caller records it as failed.
 *
 * @param status how it ended: {@link RunStatus#COMPLETED} (trained every epoch), {@link RunStatus#DIVERGED} (the loss
 *     became non-finite) or {@link RunStatus#INTERRUPTED} (stopped on request after a step, with a checkpoint
 *     written: it can be resumed); never running or failed
 * @param reason why it diverged (step and loss) or was interrupted, or {@code null}
 * @param parameters trainable parameters of the network
 * @param epochs the metrics of the epochs finished in this process (after a resume: since the resume)
 */
public record TrainingOutcome(RunStatus status, String reason, long parameters, List<EpochMetrics> epochs) {

  public TrainingOutcome {
    if (status == RunStatus.RUNNING || status == RunStatus.FAILED) {
      throw new IllegalArgumentException("a training outcome is completed, diverged or interrupted: " + status);
    }
  }
}
