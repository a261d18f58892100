package dev.convbench.cli;

import dev.convbench.graph.NetworkSummary;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.HyperParameters;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convbench list}: the architectures available, with where they come from. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List available architectures: name, parameters and multiply-accumulates per image at default "
        + "settings, description, origin.")
final class ListCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Inject
  ListCommand(CommandContext context, Provider<PluginRegistry> plugins) {
    this.context = context;
    this.plugins = plugins;
  }

  /** One architecture as {@code list} shows it; {@code parameters} is -1 and {@code error} set when it fails to build. */
  record Entry(String name, String description, long parameters, long macs, String origin, String error) {}

  @Override
  public Integer call() {
    List<Entry> entries = new ArrayList<>();
    for (DiscoveredPlugin p : plugins.get().all()) {
      long parameters = -1;
      long macs = -1;
      String error = null;
      try {
        NetworkSummary summary = NetworkSummary.of(p.plugin(),
            HyperParameters.defaults(p.plugin().hyperParameters()), 10);
        parameters = summary.parameters();
        macs = summary.macs();
      } catch (RuntimeException e) {
        error = e.toString(); // a broken plugin is listed with its error, not fatal to the listing
      }
      entries.add(new Entry(p.name(), p.plugin().description(), parameters, macs, p.origin().toString(), error));
    }
    if (json) {
      context.out().println(Json.write(entries));
      return ExitCode.OK;
    }
    context.out().printf("%-16s %12s %9s  %s%n", "NAME", "PARAMETERS", "MMAC/IMG", "DESCRIPTION / ORIGIN");
    for (Entry e : entries) {
      String params = e.parameters() >= 0 ? String.format(Locale.ROOT, "%,d", e.parameters()) : "error";
      String macs = e.macs() >= 0 ? String.format(Locale.ROOT, "%,.1f", e.macs() / 1e6) : "";
      context.out().printf("%-16s %12s %9s  %s%n%-16s %12s %9s  %s%n", e.name(), params, macs, e.description(), "",
          "", "", e.origin() + (e.error() != null ? " — fails to build: " + e.error() : ""));
    }
    return ExitCode.OK;
  }
}
