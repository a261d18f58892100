package dev.convbench.plugin;

/**
 * Two plugins have the same name. Experiment files refer to plugins by name, so convbench refuses to guess which one
 * is meant.
 */
public final class DuplicatePluginException extends PluginDiscoveryException {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final transient PluginOrigin first;
  private final transient PluginOrigin second;

  public DuplicatePluginException(String name, PluginOrigin first, PluginOrigin second) {
    super("two plugins are named '" + name + "': one from " + first + ", one from " + second
        + "; remove one of them (or rename it) so experiment files can refer to '" + name + "' unambiguously");
    this.name = name;
    this.first = first;
    this.second = second;
  }

  /** The contested plugin name. */
  public String name() {
    return name;
  }

  /** Origin of the plugin registered first (classpath before jars, jars in file-name order). */
  public PluginOrigin first() {
    return first;
  }

  /** Origin of the plugin that clashed with {@link #first()}. */
  public PluginOrigin second() {
    return second;
  }
}
