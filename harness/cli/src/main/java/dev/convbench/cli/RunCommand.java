package dev.convbench.cli;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ReportRenderer;
import dev.convbench.store.ResultStore;
import dev.convbench.run.ExperimentRunner;
import dev.convbench.run.StopSignal;
import dev.convbench.run.RunCost;
import dev.convbench.run.RunCosts;
import dev.convbench.run.Shard;
import dev.convbench.run.ShardAssignment;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convbench run FILE}: trains the experiment's matrix (or one shard of it), writes results and the report. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Train every run of an experiment file (or one shard of it) and write results and an HTML report.",
        "Each run (matrix cell × seed) goes to <out>/<run-id>/ as it trains; the report to <out>/report/index.html.",
        "On a results directory that already holds this experiment, finished runs are kept, runs other live "
            + "processes hold are left to them, and the rest are trained: any number of processes may share <out>."})
final class RunCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;
  private final Provider<RunCosts> costs;
  private final Provider<ExperimentRunner> runner;
  private final Provider<Optional<ReportRenderer>> renderer;

  @Mixin
  ExperimentOptions experimentOptions;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Mixin
  ClaimOptions claimOptions;

  @Mixin
  ShardOptions shardOptions;

  @Mixin
  ResultsOptions resultsOptions;

  @Mixin
  ThreadOptions threadOptions;

  @Mixin
  DeviceOptions deviceOptions;

  @Option(names = "--resume", hidden = true,
      description = "Accepted for old scripts: joining a results directory is what run always does.")
  boolean resume;

  @Inject
  RunCommand(CommandContext context, Provider<PluginRegistry> plugins, Provider<RunCosts> costs,
      Provider<ExperimentRunner> runner, Provider<Optional<ReportRenderer>> renderer) {
    this.context = context;
    this.plugins = plugins;
    this.costs = costs;
    this.runner = runner;
    this.renderer = renderer;
  }

  @Override
  @SuppressWarnings("try") // the signal handlers are installed for the block's duration; the block needs no handle
  public Integer call() throws Exception {
    Optional<Shard> shard = shardOptions.selected(context); // a bad shard is refused before anything is read
    Experiment experiment = experimentOptions.loadForTraining(context, plugins.get(), threadOptions, deviceOptions,
        resultsOptions);
    Path outDir = resultsOptions.directory(context, experiment);
    List<RunSpec> share = experiment.runs();
    if (shard.isPresent()) {
      share = ShardAssignment.assign(costs.get().estimate(experiment.runs()), shard.get().count()).runs(shard.get().index()).stream()
          .map(RunCost::run).toList();
      context.err().printf("%s: shard %s, %d of %d runs → %s%n", experiment.name(), shard.get(), share.size(),
          experiment.runs().size(), outDir);
    } else {
      context.err().printf("%s: %d runs → %s%n", experiment.name(), share.size(), outDir);
    }
    try {
      StopSignal stop = new StopSignal();
      ExperimentRunner.Summary summary;
      try (Signals signals = Signals.install(stop, context.err())) {
        summary = runner.get().run(experiment, share, new ResultStore(outDir, context.clock()),
            ExperimentRunner.Options.once(claimOptions.settings(), claimOptions.retryFailed)
                .withCheckpoints(experiment.checkpoints(), stop, resultsOptions.keepModels));
      }
      return resultsOptions.finish(context, renderer, summary, outDir, stop, "convbench run "
          + context.resolve(experimentOptions.file) + " --out " + outDir
          + (shardOptions.shard == null ? "" : " --shard " + shardOptions.shard)
          + (shardOptions.shards == null ? "" : " --shards " + shardOptions.shards));
    } catch (IOException | RuntimeException e) {
      if (e instanceof dev.convbench.store.ResultsDirectoryInUseException || e instanceof UserInputException) {
        throw e;
      }
      throw new ResultsFailure(outDir, e);
    }
  }
}
