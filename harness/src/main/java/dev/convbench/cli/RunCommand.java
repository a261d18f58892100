package dev.convbench.cli;

import com.google.inject.Injector;
import dev.convbench.experiment.Experiment;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ResultStore;
import dev.convbench.run.ExperimentRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convbench run FILE}: trains the experiment's matrix, writes results and the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Train every run of an experiment file and write results and an HTML report.",
        "Each run (matrix cell × seed) goes to <out>/<run-id>/ as it trains; the report to <out>/report/index.html."})
final class RunCommand implements Callable<Integer> {

  private final CommandContext context;

  @Mixin
  ExperimentOptions experimentOptions;

  @Mixin
  PluginOptions pluginOptions;

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/<experiment name>).")
  Path out;

  @Option(names = "--resume",
      description = "Continue an interrupted matrix: keep completed and diverged runs, redo the others.")
  boolean resume;

  @Option(names = "--no-report", description = "Do not write the HTML report.")
  boolean noReport;

  RunCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Injector injector = pluginOptions.injector(context);
    Experiment experiment = experimentOptions.load(context, injector.getInstance(PluginRegistry.class));
    Path outDir = out != null ? context.resolve(out)
        : context.workingDirectory().resolve("results").resolve(experiment.name());
    context.err().printf("%s: %d runs → %s%n", experiment.name(), experiment.runs().size(), outDir);
    ExperimentRunner.Summary summary = injector.getInstance(ExperimentRunner.class)
        .run(experiment, new ResultStore(outDir), resume);
    context.err().printf("%d completed, %d diverged, %d failed, %d kept from before%n", summary.completed(),
        summary.diverged(), summary.failed(), summary.skipped());
    if (!noReport) {
      ReportCommand.render(context, injector.getInstance(ReportCommand.RENDERER_KEY), List.of(outDir),
          outDir.resolve("report"));
    }
    return summary.allCompleted() ? ExitCode.OK : ExitCode.RUNS_FAILED;
  }
}
