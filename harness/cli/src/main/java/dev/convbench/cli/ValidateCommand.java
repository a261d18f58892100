package dev.convbench.cli;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.Counted;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code convbench validate FILE}: checks an experiment file without training anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check an experiment file and list the runs it expands to; train nothing.",
        "Every problem is reported as file:line:column: message (exit code 2)."})
final class ValidateCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;

  @Mixin
  ExperimentOptions experimentOptions;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Inject
  ValidateCommand(CommandContext context, Provider<PluginRegistry> plugins) {
    this.context = context;
    this.plugins = plugins;
  }

  @Override
  public Integer call() throws Exception {
    Experiment e = experimentOptions.load(context, plugins.get());
    context.out().printf("%s: valid, experiment '%s', %s%n", e.source(), e.name(), Counted.of(e.runs().size(), "run"));
    for (RunSpec r : e.runs()) {
      context.out().printf("  %-48s %s, %s, %d epochs, batch %d%n", r.runId(), r.label(), r.seeds().describe(),
          r.training().epochs(), r.training().batchSize());
    }
    return ExitCode.OK;
  }
}
