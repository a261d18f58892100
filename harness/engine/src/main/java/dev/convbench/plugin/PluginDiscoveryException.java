package dev.convbench.plugin;

/**
 * Plugin discovery cannot produce a trustworthy set of plugins, e.g. the plugin directory is a file or two plugins
 * claim one name. Unlike a {@link LoadProblem}, this stops the run: the message tells the user what to fix.
 */
public class PluginDiscoveryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PluginDiscoveryException(String message) {
    super(message);
  }

  public PluginDiscoveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
