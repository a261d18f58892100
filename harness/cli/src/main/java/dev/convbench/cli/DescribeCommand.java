package dev.convbench.cli;

import dev.convbench.experiment.HyperParameterTexts;
import dev.convbench.graph.LayerInfo;
import dev.convbench.graph.NetworkSummary;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.HyperParameters;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convbench describe ARCH}: the network layer by layer, like PyTorch's {@code print(net)} plus shapes. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = {"Print an architecture layer by layer: name, operation, output shape (NHWC, batch first) and "
        + "trainable parameters, and the total."})
final class DescribeCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Mixin
  ArchitectureOptions architectureOptions;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Inject
  DescribeCommand(CommandContext context, Provider<PluginRegistry> plugins) {
    this.context = context;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    DiscoveredPlugin plugin = architectureOptions.plugin(plugins.get());
    HyperParameters values = architectureOptions.values(plugin);
    NetworkSummary summary = NetworkSummary.of(plugin.plugin(), values, 10);
    if (json) {
      context.out().println(Json.write(summary));
      return ExitCode.OK;
    }
    context.out().printf("%s — %s%n", plugin.name(), plugin.plugin().description());
    if (!values.asMap().isEmpty()) {
      context.out().println("hyper-parameters: " + HyperParameterTexts.show(values));
    }
    context.out().println();
    int nameWidth = Math.max(5, summary.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
    int opWidth = Math.max(9, summary.layers().stream().mapToInt(l -> l.op().length()).max().orElse(9));
    String format = "%-" + nameWidth + "s  %-" + opWidth + "s  %-20s %12s%n";
    context.out().printf(format, "LAYER", "OPERATION", "OUTPUT", "PARAMETERS");
    for (LayerInfo l : summary.layers()) {
      context.out().printf(format, l.name(), l.op(), shape(l.outputShape()),
          l.parameters() == 0 ? "–" : String.format(Locale.ROOT, "%,d", l.parameters()));
    }
    context.out().printf(Locale.ROOT, "%ntotal trainable parameters: %,d%n", summary.parameters());
    return ExitCode.OK;
  }

  private static String shape(List<Long> dims) {
    return dims.stream().map(d -> d < 0 ? "N" : String.valueOf(d)).collect(Collectors.joining("×", "[", "]"));
  }
}
