package dev.convbench.cli;

/** Process exit codes, documented in the README. */
public final class ExitCode {

  /** Everything worked. */
  public static final int OK = 0;
  /** A runtime failure: results cannot be written, TensorFlow cannot load, a bug. */
  public static final int FAILURE = 1;
  /**
   * Invalid input: command line (e.g. a shard out of range), experiment file, plugin set-up, data set, or a results
   * directory holding another experiment; {@code report} of different experiment definitions. Nothing was trained.
   */
  public static final int INVALID_INPUT = 2;
  /**
   * The matrix (or this process's share) finished, but some runs failed or diverged, a failed run was kept without
   * retrying it, or another process took a run over (the others' results and the report are written).
   */
  public static final int RUNS_FAILED = 3;
  /**
   * {@code compare}: a {@code --fail-on} gate failed, a significant regression of at least the gated size (or a gated
   * metric that could not be tested without {@code --allow-underpowered}, or that the new results lack).
   */
  public static final int GATE_FAILED = 4;

  /** Stopped by SIGTERM: the run in progress wrote a checkpoint and is {@code interrupted}; run again to continue. */
  public static final int INTERRUPTED_TERM = 143;
  /** Stopped by Ctrl-C (SIGINT), as {@link #INTERRUPTED_TERM}. */
  public static final int INTERRUPTED_INT = 130;

  private ExitCode() {}
}
