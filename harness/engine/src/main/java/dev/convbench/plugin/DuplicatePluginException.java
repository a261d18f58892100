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
    super(message(name, first, second));
    this.name = name;
    this.first = first;
    this.second = second;
  }

  /**
   * E.g. {@code two architectures are named 'resnet18': the built-in one and the one in /w/plugins.d/x.jar; remove
   * that jar or rename its architecture}. Experiment files and results refer to architectures by name, hence the
   * remedy.
   */
  private static String message(String name, PluginOrigin first, PluginOrigin second) {
    String one = whose(first);
    String other = whose(second);
    if (one.equals(other)) { // two classpath entries: only their locations tell them apart
      one += " (" + first.location() + ")";
      other += " (" + second.location() + ")";
    }
    boolean jarInvolved = first.kind() == PluginOrigin.Kind.JAR || second.kind() == PluginOrigin.Kind.JAR;
    String remedy = first.kind() != second.kind() ? "remove that jar or rename its architecture"
        : jarInvolved ? "remove one of the jars or rename its architecture"
        : "remove one of them from the classpath";
    return "two architectures are named '" + name + "': " + one + " and " + other + "; " + remedy;
  }

  private static String whose(PluginOrigin origin) {
    return origin.kind() == PluginOrigin.Kind.JAR ? "the one in " + origin.location() : "the built-in one";
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
