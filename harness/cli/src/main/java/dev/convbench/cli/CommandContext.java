package dev.convbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may use of the outside world: its streams, environment, working directory, the user's home, the
 * operating system's name and the clock. Passed in rather than read from {@link System}, so commands run the same in
 * tests; {@link #system()} is the one place the real ones are read.
 *
 * @param out results (lists, descriptions, the report path)
 * @param err progress, warnings and errors
 * @param env environment variables
 * @param workingDirectory directory relative paths resolve against
 * @param interactive true when {@code err} is a terminal: progress bars instead of log lines
 * @param userHome the user's home directory (under it: the data cache when no XDG or Windows variable names one)
 * @param osName the operating system's name, as the {@code os.name} property gives it (it decides the cache's place)
 * @param clock the time written into results and claims
 */
public record CommandContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory,
    boolean interactive, Path userHome, String osName, Clock clock) {

  /**
   * A context with this machine's user home, operating system and UTC clock, and the given streams, environment and
   * working directory: what tests that run the CLI in-process need.
   */
  public CommandContext(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory,
      boolean interactive) {
    this(out, err, env, workingDirectory, interactive, Path.of(System.getProperty("user.home")),
        System.getProperty("os.name", ""), Clock.systemUTC());
  }

  /** The real process context. */
  public static CommandContext system() {
    return new CommandContext(System.out, System.err, System.getenv(), Path.of("").toAbsolutePath(),
        isTerminal());
  }

  /**
   * Whether standard output is a terminal (progress bars) rather than a pipe or file (one line per epoch). Up to Java
   * 21, {@code System.console()} is null without a terminal; from Java 22 it exists anyway and
   * {@code Console.isTerminal()} (absent from Java 17's API, so called by reflection) tells.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // Java 17 to 21: a console exists only with a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** Resolves a user-given path against the working directory. */
  public Path resolve(Path p) {
    return workingDirectory.resolve(p).normalize();
  }
}
