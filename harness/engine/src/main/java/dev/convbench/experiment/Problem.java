package dev.convbench.experiment;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with an experiment file, at a position a person can jump to.
 *
 * <p>{@link #toString()} gives the conventional compiler form {@code file:line:column: message}, which editors and
 * terminals turn into links. Lines and columns are 1-based; a problem about the file as a whole (it cannot be read,
 * it is too large) has line and column 0 and prints as {@code file: message}.
 *
 * @param file the experiment file (as given by the caller, not necessarily absolute)
 * @param line 1-based line, or 0 for the whole file
 * @param column 1-based column (in characters), or 0 for the whole file
 * @param message what is wrong, and where possible how to fix it; one line, no stack trace
 */
public record Problem(Path file, int line, int column, String message) {

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0 || (line == 0) != (column == 0)) {
      throw new IllegalArgumentException("line and column must both be positive, or both 0: " + line + ":" + column);
    }
  }

  /** A problem about the file as a whole, without a position. */
  public static Problem wholeFile(Path file, String message) {
    return new Problem(file, 0, 0, message);
  }

  /** Whether this problem points at a line and column. */
  public boolean hasPosition() {
    return line > 0;
  }

  @Override
  public String toString() {
    return hasPosition() ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
  }
}
