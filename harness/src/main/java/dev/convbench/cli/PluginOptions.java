package dev.convbench.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.convbench.inject.ConvbenchModule;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.LoadProblem;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Option;

/** The {@code --plugins} option, and the one injector per command built from it. */
final class PluginOptions {

  @Option(names = "--plugins", paramLabel = "DIR",
      description = "Directory of plugin jars (default: env CONVBENCH_PLUGINS, else ./plugins.d).")
  Path pluginDir;

  /** The plugin called {@code name}, or a user error listing the available ones. */
  static DiscoveredPlugin require(PluginRegistry registry, String name) {
    return registry.find(name).orElseThrow(() -> new UserInputException(
        "unknown architecture '" + name + "'; available: " + String.join(", ", registry.names())));
  }

  /**
   * Hyper-parameter values given as {@code KEY=VALUE} strings (YAML syntax for the value), checked against the
   * plugin's declarations; defaults fill the rest.
   */
  static HyperParameters resolve(DiscoveredPlugin plugin, Map<String, String> given) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    Map<String, Object> supplied = new LinkedHashMap<>();
    given.forEach((k, v) -> supplied.put(k, yaml.load(v)));
    try {
      return HyperParameters.resolve(plugin.plugin().hyperParameters(), supplied);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(plugin.name() + ": " + e.getMessage() + "; parameters: "
          + plugin.plugin().hyperParameters().stream().map(HyperParameter::toString)
              .collect(Collectors.joining(", ")));
    }
  }

  /** The command's injector; reports plugin jars that failed to load as warnings. */
  Injector injector(CommandContext context) {
    Injector injector = Guice.createInjector(new ConvbenchModule(context,
        pluginDir == null ? null : context.resolve(pluginDir)));
    PluginRegistry registry = injector.getInstance(PluginRegistry.class);
    for (LoadProblem problem : registry.problems()) {
      context.err().println("warning: plugin skipped: " + problem);
    }
    return injector;
  }
}
