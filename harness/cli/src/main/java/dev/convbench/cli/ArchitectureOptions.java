package dev.convbench.cli;

import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.HyperParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code ARCH} argument and its {@code -p NAME=VALUE} hyper-parameters, for commands about one architecture. */
final class ArchitectureOptions {

  @Parameters(index = "0", paramLabel = "ARCH", description = "Architecture name (see 'list').")
  String architecture;

  // Strings rather than picocli's Map option: picocli's own complaint about a missing '=' reads "Value for option
  // option '--param' ... should be in KEY=VALUE format", and prints the whole usage after it.
  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "Hyper-parameter value (YAML syntax), e.g. -p depth=34. Repeatable.")
  List<String> given = new ArrayList<>();

  /** The {@code -p} values by name, in the order given (a repeated name keeps its last value). */
  Map<String, String> params() {
    Map<String, String> params = new LinkedHashMap<>();
    for (String keyValue : given) {
      int eq = keyValue.indexOf('=');
      if (eq <= 0) {
        String wrong = eq < 0 ? "no value (no '=')" : "no hyper-parameter name before '='";
        throw new UserInputException("-p " + keyValue + ": " + wrong + "; write -p NAME=VALUE, e.g. -p depth=34");
      }
      params.put(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }
    return params;
  }

  /** The named plugin, or a user error listing the available ones. */
  DiscoveredPlugin plugin(PluginRegistry registry) {
    return PluginOptions.require(registry, architecture);
  }

  /** The given values checked against the plugin's declarations, defaults filling the rest. */
  HyperParameters values(DiscoveredPlugin plugin) {
    return PluginOptions.resolve(plugin, params());
  }
}
