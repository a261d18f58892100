package dev.convbench.cli;

import dev.convbench.data.Dataset;
import dev.convbench.data.DatasetLoader;
import dev.convbench.data.DatasetOptions;
import dev.convbench.results.ModelRecord;
import dev.convbench.store.ResultStore;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.RunRecord;
import dev.convbench.store.RecordMapping;
import dev.convbench.training.SavedModelEvaluation;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convbench evaluate RUN_DIR}: the accuracy of the model a run kept, recomputed from the SavedModel. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Load the SavedModel a run kept (<run>/model/) and print its accuracy on the run's evaluation set, "
        + "next to the accuracy the run recorded for that epoch."})
final class EvaluateCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<DatasetLoader> datasets;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run's directory, <out>/<run-id>.")
  Path runDirectory;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "CIFAR-10 binary files (default: where the run read them, else env CIFAR10_DIR, else the cache).")
  Path dataDir;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Inject
  EvaluateCommand(CommandContext context, Provider<DatasetLoader> datasets) {
    this.context = context;
    this.datasets = datasets;
  }

  @Override
  public Integer call() throws Exception {
    Path run = context.resolve(runDirectory);
    Path model = run.resolve(ResultsLayout.MODEL);
    if (!Files.isRegularFile(run.resolve(ResultsLayout.RUN_FILE))) {
      throw new UserInputException("no run at " + run + " (it has no " + ResultsLayout.RUN_FILE + ")");
    }
    if (!Files.isRegularFile(model.resolve("saved_model.pb"))) {
      throw new UserInputException("run " + run.getFileName() + " kept no model (" + model + " is missing: it did "
          + "not complete, or ran with --keep-models none)");
    }
    RunRecord record = new ResultStore(run.getParent(), context.clock()).read(run.getFileName().toString()).orElseThrow();
    ModelRecord kept = new ResultsJson().read(model.resolve(ResultsLayout.MODEL_FILE), ModelRecord.class);
    DatasetOptions recorded = RecordMapping.datasetOptions(record.spec().dataset());
    DatasetOptions options = recorded.withDataDir(dataDir != null ? context.resolve(dataDir) : recorded.dataDir());
    if (record.dataset() != null && record.dataset().partial()) {
      options = options.withAllowPartial(true); // the run trained on partial data, and said so
    }
    Dataset data = datasets.get().load(options);
    double accuracy = SavedModelEvaluation.accuracy(model, data.eval());
    context.out().printf(Locale.ROOT, "%s: %.2f %% of %,d %s images; recorded after epoch %d (%s model): %.2f %%%n",
        record.runId(), 100 * accuracy, data.eval().count(), data.evalName(), kept.epoch(), kept.kept(),
        100 * kept.testAccuracy());
    return ExitCode.OK;
  }
}
