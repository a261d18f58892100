package dev.convbench.cli;

import dev.convbench.experiment.HyperParameterTexts;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginDirectory;
import dev.convbench.plugin.PluginDiscovery;
import dev.convbench.plugin.PluginLoadException;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins} option, and the architectures it names. {@link Main} discovers them from the parsed option
 * before it builds the injector; commands receive the {@link PluginRegistry} from the injector.
 */
final class PluginOptions {

  @Option(names = "--plugins", paramLabel = "DIR",
      description = "Directory of plugin jars (default: env CONVBENCH_PLUGINS, else plugins.d in the installation"
          + " and ~/.config/convbench/plugins, each when present).")
  Path pluginDir;

  /** The plugin called {@code name}, or a user error listing the available ones. */
  static DiscoveredPlugin require(PluginRegistry registry, String name) {
    return registry.find(name).orElseThrow(() -> new UserInputException(
        "unknown architecture '" + name + "'; available: " + String.join(", ", registry.names())));
  }

  /**
   * Hyper-parameter values given as {@code NAME=VALUE} strings (YAML syntax for the value, read as in an experiment
   * file), checked against the plugin's declarations; defaults fill the rest.
   */
  static HyperParameters resolve(DiscoveredPlugin plugin, Map<String, String> given) {
    try {
      return HyperParameterTexts.read(plugin.plugin(), given);
    } catch (IllegalArgumentException e) {
      List<HyperParameter<?>> declared = plugin.plugin().hyperParameters();
      if (declared.isEmpty()) {
        throw new UserInputException(plugin.name() + ": " + e.getMessage()); // it says there are none
      }
      // A message ending in a question ("did you mean 'width'?") takes no ';' after it.
      String separator = e.getMessage().endsWith("?") ? " " : "; ";
      throw new UserInputException(plugin.name() + ": " + e.getMessage() + separator + "parameters: "
          + declared.stream().map(HyperParameter::toString).collect(Collectors.joining(", ")));
    }
  }

  /**
   * The architectures this command may use: the built-in ones and the plugin directories' jars (see
   * {@link PluginDirectory#directories}).
   *
   * @throws UserInputException when {@code --plugins} does not name an existing directory (the default directories
   *     and env {@code CONVBENCH_PLUGINS} may name ones that do not exist yet)
   * @throws dev.convbench.plugin.PluginDiscoveryException when two plugins share a name, or any jar or plugin class
   *     cannot be loaded ({@link PluginLoadException}): the command stops rather than run without a plugin the user
   *     installed
   */
  PluginRegistry registry(CommandContext context) {
    List<Path> dirs;
    if (pluginDir != null) {
      Path dir = context.resolve(pluginDir).toAbsolutePath();
      if (!Files.exists(dir)) {
        throw new UserInputException("--plugins " + dir + ": no such directory; create it and put the plugin jars"
            + " in it, or give the directory that holds them");
      }
      if (!Files.isDirectory(dir)) {
        throw new UserInputException("--plugins " + dir + ": not a directory; give the directory that holds the"
            + " plugin jars");
      }
      dirs = List.of(dir);
    } else {
      dirs = PluginDirectory.directories(null, context.env(), context.workingDirectory(), context.userHome());
    }
    PluginRegistry registry = new PluginDiscovery().discover(PluginOptions.class.getClassLoader(), dirs);
    if (!registry.problems().isEmpty()) {
      throw new PluginLoadException(registry.problems());
    }
    return registry;
  }
}
