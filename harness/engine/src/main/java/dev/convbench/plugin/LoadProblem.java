package dev.convbench.plugin;

import java.util.Objects;

/**
 * A plugin source that was skipped: usually a jar in the plugin directory that could not be loaded. Other plugins
 * are unaffected; the CLI shows these as warnings.
 *
 * @param origin the jar (or the classpath) that failed
 * @param message what went wrong and what the user can do about it
 */
public record LoadProblem(PluginOrigin origin, String message) {

  public LoadProblem {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  /** {@code jar:/abs/path/x.jar: message}. */
  @Override
  public String toString() {
    return origin + ": " + message;
  }
}
