package dev.convbench.results;

import java.nio.file.Path;

/**
 * Thrown when a fresh (non-resumed) experiment would write into a results directory that already holds files, which
 * would mix two experiments' runs. The message tells the user what to do.
 */
public final class ResultsDirectoryInUseException extends IllegalStateException {

  private final transient Path directory;

  ResultsDirectoryInUseException(Path directory) {
    super("results directory " + directory + " is not empty; pass --resume to continue the runs it holds, or choose"
        + " another directory with --out");
    this.directory = directory;
  }

  /** The directory that is not empty. */
  public Path directory() {
    return directory;
  }
}
