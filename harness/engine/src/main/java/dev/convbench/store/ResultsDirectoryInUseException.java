package dev.convbench.store;

import java.nio.file.Path;

/**
 * Thrown when runs of an experiment cannot be written into a results directory because it holds something else:
 * another experiment's results, or files that are not results. Mixing them would make the report lie. The message
 * tells the user what to do.
 */
public final class ResultsDirectoryInUseException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  ResultsDirectoryInUseException(Path directory, String what) {
    super("results directory " + directory + " " + what + "; choose another directory with --out");
    this.directory = directory;
  }

  /** The directory that cannot be used. */
  public Path directory() {
    return directory;
  }
}
