package dev.convbench.plugin;

import dev.convbench.spi.ArchitecturePlugin;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plugin instance together with where it was found.
 *
 * <p>Construction checks the plugin's {@link ArchitecturePlugin#name() name} (it must match {@value #NAME_REGEX}) and
 * that it has a description, so everything in a {@link PluginRegistry} can be listed and referred to from experiment
 * files.
 *
 * @param plugin the instance created by {@link java.util.ServiceLoader}; stateless by the SPI contract
 * @param origin where its class came from
 */
public record DiscoveredPlugin(ArchitecturePlugin plugin, PluginOrigin origin) {

  /** Allowed plugin names: lower case letters, digits and '-', starting with a letter. */
  public static final String NAME_REGEX = "[a-z][a-z0-9-]*";

  private static final Pattern NAME = Pattern.compile(NAME_REGEX);

  /**
   * @throws IllegalArgumentException when the name is not a valid plugin name or the description is missing; the
   *     message names the class and its origin
   */
  public DiscoveredPlugin {
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(origin, "origin");
    String name = plugin.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("plugin " + plugin.getClass().getName() + " from " + origin
          + " has an invalid name " + (name == null ? "(null)" : "'" + name + "'") + ": a name must match "
          + NAME_REGEX + " (lower case, digits and '-'), e.g. resnet18");
    }
    if (plugin.description() == null) {
      throw new IllegalArgumentException(
          "plugin " + name + " (" + plugin.getClass().getName() + ") from " + origin + " has no description");
    }
  }

  /** The plugin's stable name, as used in experiment files. */
  public String name() {
    return plugin.name();
  }
}
