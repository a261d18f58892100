package dev.convbench.cli;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.PluginRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code convbench validate FILE}: checks an experiment file without training anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check an experiment file and list the runs it expands to; train nothing.",
        "Every problem is reported as file:line:column: message (exit code 2)."})
final class ValidateCommand implements Callable<Integer> {

  private final CommandContext context;

  @Mixin
  ExperimentOptions experimentOptions;

  @Mixin
  PluginOptions pluginOptions;

  ValidateCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    PluginRegistry plugins = pluginOptions.injector(context).getInstance(PluginRegistry.class);
    Experiment e = experimentOptions.load(context, plugins);
    context.out().printf("%s: valid, experiment '%s', %d runs%n", e.source(), e.name(), e.runs().size());
    for (RunSpec r : e.runs()) {
      context.out().printf("  %-48s %s, seed %d, %d epochs, batch %d%n", r.runId(), r.label(), r.seed(),
          r.training().epochs(), r.training().batchSize());
    }
    return ExitCode.OK;
  }
}
