package dev.convbench.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The state of a run: what its {@code run.json} records (written in lower case, {@code "completed"}), how training
 * ended (the engine's training outcome: {@link #COMPLETED}, {@link #DIVERGED} or {@link #INTERRUPTED}; a run that
 * throws is {@link #FAILED}), and how an attempt that trained it ended in its claim ({@link ClaimRecord#outcome()}).
 */
public enum RunStatus {
  /** Started and not (yet) finished; after a crash a run stays in this state. */
  RUNNING,
  /** Trained every epoch. */
  COMPLETED,
  /** Stopped because the loss became non-finite or exploded; a valid result of the configuration. */
  DIVERGED,
  /** Stopped on request (SIGTERM, Ctrl-C) after writing a checkpoint; the next process continues it. */
  INTERRUPTED,
  /** Stopped by an error (out of memory, bug, I/O): not a result of the configuration; trained again on request. */
  FAILED;

  /** Whether the run has its result: it completed or diverged (a later process keeps it). */
  public boolean isFinal() {
    return this == COMPLETED || this == DIVERGED;
  }

  /** The lower-case name used in files and reports. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}, case-insensitively. */
  @JsonCreator
  public static RunStatus of(String id) {
    return valueOf(id.trim().toUpperCase(Locale.ROOT));
  }
}
