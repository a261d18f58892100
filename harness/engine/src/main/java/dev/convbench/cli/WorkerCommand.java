package dev.convbench.cli;

import com.google.inject.Injector;
import dev.convbench.experiment.Experiment;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ResultStore;
import dev.convbench.experiment.RunSpec;
import dev.convbench.run.ExperimentRunner;
import dev.convbench.run.StopSignal;
import dev.convbench.run.RunCost;
import dev.convbench.run.RunCosts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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

  @Mixin
  ExperimentOptions experimentOptions;

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

  WorkerCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Injector injector = pluginOptions.injector(context);
    Experiment loaded = experimentOptions.load(context, injector.getInstance(PluginRegistry.class));
    Experiment experiment = loaded.withThreads(threadOptions.resolve(loaded.threads()))
        .withDevice(deviceOptions.resolve(loaded.device()));
    DeviceOptions.requireUsable(experiment.device(), context); // before the results directory is touched
    experiment = ExperimentOptions.resolvedForThisMachine(experiment);
    ExperimentOptions.requireTrainableHere(experiment);
    Path outDir = resultsOptions.directory(context, experiment);
    context.err().printf("%s: worker %s on %d runs → %s%n", experiment.name(),
        injector.getInstance(dev.convbench.results.ProcessIdentity.class).describe(), experiment.runs().size(), outDir);
    // Costliest first: the long runs start early and the short ones fill the gaps at the end.
    List<RunSpec> order = injector.getInstance(RunCosts.class).estimate(experiment.runs()).stream()
        .sorted(Comparator.comparingDouble(RunCost::macs).reversed()).map(RunCost::run).toList();
    try {
      StopSignal stop = new StopSignal();
      ExperimentRunner.Summary summary;
      try (Signals signals = Signals.install(stop, context.err())) {
        summary = injector.getInstance(ExperimentRunner.class).run(experiment, order, new ResultStore(outDir),
            ExperimentRunner.Options.untilFinished(claimOptions.settings(), claimOptions.retryFailed, poll)
                .withCheckpoints(experiment.checkpoints(), stop, resultsOptions.keepModels));
      }
      return resultsOptions.finish(context, injector, summary, outDir, stop, "convbench worker "
          + context.resolve(experimentOptions.file) + " --out " + outDir);
    } catch (IOException | RuntimeException e) {
      if (e instanceof dev.convbench.results.ResultsDirectoryInUseException || e instanceof UserInputException) {
        throw e;
      }
      throw new ResultsFailure(outDir, e);
    }
  }
}
