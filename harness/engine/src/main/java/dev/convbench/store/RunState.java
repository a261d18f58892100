package dev.convbench.store;

import dev.convbench.experiment.RunSpec;
import dev.convbench.results.RunStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * Where one run of an experiment stands in a results directory, as {@link ResultStore#inspect} finds it.
 *
 * @param run the run as the experiment file defines it now
 * @param kind what a process may do with it
 * @param reason for people, e.g. {@code claimed by pid 4711 on node3, heartbeat 12 s ago}
 * @param claim the run's claims as observed (needed to claim it)
 */
public record RunState(RunSpec run, Kind kind, String reason, Claims.Observation claim) {

  public RunState {
    Objects.requireNonNull(run);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(claim);
  }

  /**
   * What a run's state allows. Not a {@link RunStatus}: a kind joins what the run's files say with its claims and
   * its identity (a completed run of other settings is {@link #CHANGED}, a running one {@link #HELD} or
   * {@link #STALE}), to decide what a process does with it.
   */
  public enum Kind {
    /** Completed or diverged with the same identity: kept. */
    DONE,
    /** Failed with the same identity: kept unless failed runs are retried (so workers never loop on a broken run). */
    FAILED,
    /** Claimed by a live process: nobody else touches it. */
    HELD,
    /** Claimed by a process that is gone or silent for too long: may be taken over, and trained again. */
    STALE,
    /** Finished with another identity (the file or the data changed): set aside under {@code superseded/}, then trained. */
    CHANGED,
    /** Never trained, or interrupted with nobody holding it: to train. */
    LEFT;

    /** The lower-case name for tables and JSON. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether a process should claim and train it ({@code retryFailed}: failed runs too). */
  public boolean trainable(boolean retryFailed) {
    return switch (kind) {
      case STALE, CHANGED, LEFT -> true;
      case FAILED -> retryFailed;
      case DONE, HELD -> false;
    };
  }
}
