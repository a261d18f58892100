package dev.convbench.cli;

import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.HyperParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ARCH} argument and its {@code -p KEY=VALUE} hyper-parameters, for commands about one architecture. */
final class ArchitectureOptions {

  @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture name (see 'list').")
  String architecture;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
      description = "Hyper-parameter value (YAML syntax), e.g. -p depth=34. Repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  /** The named plugin, or a user error listing the available ones. */
  DiscoveredPlugin plugin(PluginRegistry registry) {
    return PluginOptions.require(registry, architecture);
  }

  /** The given values checked against the plugin's declarations, defaults filling the rest. */
  HyperParameters values(DiscoveredPlugin plugin) {
    return PluginOptions.resolve(plugin, params);
  }
}
