package dev.convbench.cli;

import java.nio.file.Path;

/** A runtime failure of a command that writes a results directory: its log belongs there when it can be written. */
final class ResultsFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;

  ResultsFailure(Path directory, Exception cause) {
    super(cause.getMessage(), cause);
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }
}
