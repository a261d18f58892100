package dev.convbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A runtime failure for the person at the terminal: one line naming what failed and why, and the stack trace in a
 * log file (the results directory when it can be written, else the system's temporary directory) rather than on
 * the screen. {@code --verbose} prints the trace too.
 */
final class FailureLog {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  private FailureLog() {}

  /**
   * Reports {@code e} on {@code context}'s error stream.
   *
   * @param preferred where the log should go (a results directory), or null
   */
  static void report(Exception e, CommandContext context, Path preferred, boolean verbose) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    Path log = write(trace.toString(), preferred);
    context.err().println("error: " + oneLine(e) + (log == null ? "" : " (details: " + log + ")"));
    if (verbose) {
      context.err().print(trace);
    }
  }

  /** The message and, when it adds something, the root cause's: "cannot record … in …: No space left on device". */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = describe(e);
    String cause = describe(root);
    return root == e || message.contains(cause) ? message : message + ": " + cause;
  }

  private static String describe(Throwable t) {
    if (t instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
      return fs.getFile() + (fs.getOtherFile() == null ? "" : " → " + fs.getOtherFile()) + ": "
          + (fs.getReason() == null ? t.getClass().getSimpleName() : fs.getReason());
    }
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      return t.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n'); // TensorFlow adds the failing node and hints on further lines
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }

  private static Path write(String trace, Path preferred) {
    String name = "convbench-error-" + STAMP.format(Instant.now()) + "-" + ProcessHandle.current().pid() + ".log";
    for (Path dir : new Path[] {preferred, Path.of(System.getProperty("java.io.tmpdir"))}) {
      if (dir == null) {
        continue;
      }
      try {
        Path file = dir.resolve(name);
        Files.writeString(file, trace, StandardCharsets.UTF_8);
        return file;
      } catch (IOException | RuntimeException e) {
        // full or read-only: try the next place
      }
    }
    return null;
  }
}
