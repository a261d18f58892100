package dev.convbench.cli;

import com.google.inject.Injector;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ResultStore;
import dev.convbench.run.ExperimentRunner;
import dev.convbench.run.StopSignal;
import dev.convbench.run.RunCost;
import dev.convbench.run.RunCosts;
import dev.convbench.run.Shard;
import dev.convbench.run.ShardAssignment;
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

  @Mixin
  ExperimentOptions experimentOptions;

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

  RunCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Optional<Shard> shard = shardOptions.selected(context); // a bad shard is refused before anything is read
    Injector injector = pluginOptions.injector(context);
    Experiment loaded = experimentOptions.load(context, injector.getInstance(PluginRegistry.class));
    Experiment experiment = loaded.withThreads(threadOptions.resolve(loaded.threads()))
        .withDevice(deviceOptions.resolve(loaded.device()));
    DeviceOptions.requireUsable(experiment.device(), context); // before the results directory is touched
    experiment = ExperimentOptions.resolvedForThisMachine(experiment);
    ExperimentOptions.requireTrainableHere(experiment);
    Path outDir = resultsOptions.directory(context, experiment);
    List<RunSpec> share = experiment.runs();
    if (shard.isPresent()) {
      List<RunCost> costs = injector.getInstance(RunCosts.class).estimate(experiment.runs());
      share = ShardAssignment.assign(costs, shard.get().count()).runs(shard.get().index()).stream()
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
        summary = injector.getInstance(ExperimentRunner.class).run(experiment, share, new ResultStore(outDir),
            ExperimentRunner.Options.once(claimOptions.settings(), claimOptions.retryFailed)
                .withCheckpoints(experiment.checkpoints(), stop, resultsOptions.keepModels));
      }
      return resultsOptions.finish(context, injector, summary, outDir, stop, "convbench run "
          + context.resolve(experimentOptions.file) + " --out " + outDir
          + (shardOptions.shard == null ? "" : " --shard " + shardOptions.shard)
          + (shardOptions.shards == null ? "" : " --shards " + shardOptions.shards));
    } catch (IOException | RuntimeException e) {
      if (e instanceof dev.convbench.results.ResultsDirectoryInUseException || e instanceof UserInputException) {
        throw e;
      }
      throw new ResultsFailure(outDir, e);
    }
  }
}
