package dev.convbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may use of the outside world: its streams, environment and working directory. Passed in rather
 * than read from {@link System}, so commands run the same in tests.
 *
 * @param out results (lists, descriptions, the report path)
 * @param err progress, warnings and errors
 * @param env environment variables
 * @param workingDirectory directory relative paths resolve against
 * @param interactive true when {@code err} is a terminal: progress bars instead of log lines
 */
public record CommandContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory,
    boolean interactive) {

  /** The real process context. */
  public static CommandContext system() {
    return new CommandContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
        System.console() != null);
  }

  /** Resolves a user-given path against the working directory. */
  public Path resolve(Path p) {
    return workingDirectory.resolve(p).normalize();
  }
}
