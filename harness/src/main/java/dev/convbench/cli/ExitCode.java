package dev.convbench.cli;

/** Process exit codes, documented in the README. */
public final class ExitCode {

  /** Everything worked. */
  public static final int OK = 0;
  /** A runtime failure: results cannot be written, TensorFlow cannot load, a bug. */
  public static final int FAILURE = 1;
  /** Invalid input: command line, experiment file, plugin directory or data set. Nothing was trained. */
  public static final int INVALID_INPUT = 2;
  /** The matrix finished, but some runs failed or diverged (the others' results and the report are written). */
  public static final int RUNS_FAILED = 3;

  private ExitCode() {}
}
