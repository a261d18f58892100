package dev.convbench.plugin;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Plugin sources that could not be loaded (a jar that is not a readable plugin jar, a plugin class that is missing,
 * fails to initialise or whose constructor throws). {@link PluginDiscovery} itself skips such sources and lists them
 * in {@link PluginRegistry#problems()}; the CLI refuses to start with any of them, because an experiment that names a
 * broken plugin's architecture would otherwise fail later with a less useful message.
 */
public final class PluginLoadException extends PluginDiscoveryException {

  private static final long serialVersionUID = 1L;

  private final transient List<LoadProblem> problems;

  /** @param problems at least one */
  public PluginLoadException(List<LoadProblem> problems) {
    super(problems.stream().map(PluginLoadException::line).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in discovery order. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /** One problem as the user reads it: {@code plugin jar /abs/x.jar: reason; remedy}. */
  public static String line(LoadProblem problem) {
    return problem.origin().describe() + ": " + problem.message();
  }
}
