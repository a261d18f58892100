package dev.convbench.training;

import java.time.Duration;

/**
 * When a run writes checkpoints. Not part of a run's identity: it changes no number.
 *
 * @param everyEpochs after every this many epochs (0: never at epoch ends)
 * @param every also after a step once this much time has passed since the last checkpoint ({@code null}: never)
 * @param keep how many checkpoints to keep (the newest)
 */
public record CheckpointPolicy(int everyEpochs, Duration every, int keep) {

  public CheckpointPolicy {
    if (everyEpochs < 0 || keep < 1) {
      throw new IllegalArgumentException("checkpoint every-epochs must be ≥ 0 and keep ≥ 1");
    }
  }

  /** A checkpoint after every epoch, the newest kept. */
  public static CheckpointPolicy defaults() {
    return new CheckpointPolicy(1, null, 1);
  }
}
