package dev.convbench.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.convbench.inject.ConvbenchModule;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.LoadProblem;
import dev.convbench.plugin.PluginRegistry;
import java.nio.file.Path;
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
