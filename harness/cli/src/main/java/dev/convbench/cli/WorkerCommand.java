package dev.convbench.cli;

import dev.convbench.experiment.Experiment;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.results.ReportRenderer;
import dev.convbench.store.ResultStore;
import dev.convbench.experiment.RunSpec;
import dev.convbench.run.ExperimentRunner;
import dev.convbench.run.StopSignal;
import dev.convbench.run.RunCost;
import dev.convbench.run.RunCosts;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convbench worker FILE --out DIR}: takes the next unclaimed run until the matrix is finished. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Take the next unclaimed run of an experiment, train it, repeat, until every run is finished.",
        "Start any number of workers, anywhere, on the same --out: they finish the matrix between them. A worker "
            + "whose runs are all held by others waits, and takes over a run whose holder died once its claim is "
            + "stale; it writes the report when the matrix is finished."})
final class WorkerCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;
  private final Provider<RunCosts> costs;
  private final Provider<ExperimentRunner> runner;
  private final Provider<ProcessIdentity> self;
  private final Provider<Optional<ReportRenderer>> renderer;

  @Mixin
  ExperimentOptions experimentOptions;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Mixin
  ClaimOptions claimOptions;

  @Mixin
  ResultsOptions resultsOptions;

  @Mixin
  ThreadOptions threadOptions;

  @Mixin
  DeviceOptions deviceOptions;

  @Option(names = "--poll", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How often to look again while every remaining run is held by others (default: 10s).")
  Duration poll = Duration.ofSeconds(10);

  @Inject
  WorkerCommand(CommandContext context, Provider<PluginRegistry> plugins, Provider<RunCosts> costs,
      Provider<ExperimentRunner> runner, Provider<ProcessIdentity> self, Provider<Optional<ReportRenderer>> renderer) {
    this.context = context;
    this.plugins = plugins;
    this.costs = costs;
    this.runner = runner;
    this.self = self;
    this.renderer = renderer;
  }

  @Override
  @SuppressWarnings("try") // the signal handlers are installed for the block's duration; the block needs no handle
  public Integer call() throws Exception {
    Experiment experiment = experimentOptions.loadForTraining(context, plugins.get(), threadOptions, deviceOptions,
        resultsOptions);
    Path outDir = resultsOptions.directory(context, experiment);
    context.err().printf("%s: worker %s on %d runs → %s%n", experiment.name(),
        self.get().describe(), experiment.runs().size(), outDir);
    // Costliest first: the long runs start early and the short ones fill the gaps at the end.
    List<RunSpec> order = costs.get().estimate(experiment.runs()).stream()
        .sorted(Comparator.comparingDouble(RunCost::macs).reversed()).map(RunCost::run).toList();
    try {
      StopSignal stop = new StopSignal();
      ExperimentRunner.Summary summary;
      try (Signals signals = Signals.install(stop, context.err())) {
        summary = runner.get().run(experiment, order, new ResultStore(outDir, context.clock()),
            ExperimentRunner.Options.untilFinished(claimOptions.settings(), claimOptions.retryFailed, poll)
                .withCheckpoints(experiment.checkpoints(), stop, resultsOptions.keepModels));
      }
      return resultsOptions.finish(context, renderer, summary, outDir, stop, "convbench worker "
          + context.resolve(experimentOptions.file) + " --out " + outDir);
    } catch (IOException | RuntimeException e) {
      if (e instanceof dev.convbench.store.ResultsDirectoryInUseException || e instanceof UserInputException) {
        throw e;
      }
      throw new ResultsFailure(outDir, e);
    }
  }
}
