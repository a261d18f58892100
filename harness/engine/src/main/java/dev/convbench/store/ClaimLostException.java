package dev.convbench.store;

/**
 * Thrown instead of writing when this process no longer holds the claim on a run: another process judged it stale
 * (no heartbeat for longer than the stale timeout, e.g. after this machine was suspended or cut off) and took the run
 * over. The run's files now belong to the new holder, so nothing more may be written to them.
 */
public final class ClaimLostException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ClaimLostException(String message) {
    super(message);
  }
}
