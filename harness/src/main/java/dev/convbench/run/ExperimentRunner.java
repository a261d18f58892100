package dev.convbench.run;

import dev.convbench.data.DataException;
import dev.convbench.data.Dataset;
import dev.convbench.data.DatasetLoader;
import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.results.ResultStore;
import dev.convbench.results.ResumePlan;
import dev.convbench.results.RunStartInfo;
import dev.convbench.results.RunWriter;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.PreparedRun;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Runs an experiment's matrix: each run in order, each isolated from the others. A run whose plugin throws (while
 * building or training) is recorded as failed and the matrix goes on; a run whose loss diverges stops and is
 * recorded as diverged. Results are written as they come, so an interrupted matrix resumes without losing or
 * repeating a finished run (see {@link ResultStore#plan}).
 */
public final class ExperimentRunner {

  private final PluginRegistry plugins;
  private final DatasetLoader datasets;
  private final Trainer trainer;
  private final RunProgress progress;
  private final Environment environment;

  @Inject
  public ExperimentRunner(PluginRegistry plugins, DatasetLoader datasets, Trainer trainer, RunProgress progress,
      Environment environment) {
    this.plugins = plugins;
    this.datasets = datasets;
    this.trainer = trainer;
    this.progress = progress;
    this.environment = environment;
  }

  /** Counts of how the experiment's runs ended. */
  public record Summary(int completed, int diverged, int failed, int skipped) {
    /** True when every run that was trained completed. */
    public boolean allCompleted() {
      return diverged == 0 && failed == 0;
    }
  }

  /**
   * Trains the runs the store's plan asks for.
   *
   * @param resume keep completed and diverged runs already in the store, redo the others
   * @throws DataException when the data set cannot be read (before any run starts)
   * @throws IOException when results cannot be written
   */
  public Summary run(Experiment experiment, ResultStore store, boolean resume) throws DataException, IOException {
    ResumePlan plan = store.plan(experiment.runs(), resume);
    // Read the data before writing anything: a missing or corrupt data set must not leave behind a results
    // directory that the next attempt would then refuse to reuse without --resume.
    DatasetOptions loadedOptions = plan.decisions().stream().filter(d -> d.action() != ResumePlan.Action.SKIP)
        .map(d -> d.run().dataset()).findFirst().orElse(null);
    Dataset dataset = loadedOptions == null ? null : datasets.load(loadedOptions);
    store.writeExperiment(experiment);
    plan.strayRunIds().forEach(id -> progress.message("note: " + store.directory().resolve(id)
        + " is not a run of this experiment file; left as it is"));
    int completed = 0;
    int diverged = 0;
    int failed = 0;
    int skipped = 0;
    List<ResumePlan.Decision> decisions = plan.decisions();
    for (int i = 0; i < decisions.size(); i++) {
      ResumePlan.Decision decision = decisions.get(i);
      RunSpec spec = decision.run();
      if (decision.action() == ResumePlan.Action.SKIP) {
        skipped++;
        progress.message(String.format("[%d/%d] %s: kept (%s)", i + 1, decisions.size(), spec.runId(),
            decision.reason()));
        continue;
      }
      if (!Objects.equals(spec.dataset(), loadedOptions)) {
        dataset = null; // free the previous set before reading the next
        dataset = datasets.load(spec.dataset());
        loadedOptions = spec.dataset();
      }
      switch (runOne(store, spec, dataset, i + 1, decisions.size())) {
        case COMPLETED -> completed++;
        case DIVERGED -> diverged++;
        case FAILED -> failed++;
        default -> throw new AssertionError();
      }
    }
    return new Summary(completed, diverged, failed, skipped);
  }

  private enum Ending { COMPLETED, DIVERGED, FAILED }

  private Ending runOne(ResultStore store, RunSpec spec, Dataset dataset, int index, int total) throws IOException {
    DiscoveredPlugin plugin = plugins.require(spec.architecture());
    DatasetFacts facts = DatasetFacts.of(dataset);
    PreparedRun prepared;
    try {
      HyperParameters params = HyperParameters.resolve(plugin.plugin().hyperParameters(), spec.hyperParameters());
      prepared = trainer.prepare(plugin.plugin(), params, spec.training(), dataset, spec.seed());
    } catch (RuntimeException | Error e) {
      try (RunWriter writer = store.start(spec, info(plugin, null, facts))) {
        writer.failed(e);
      }
      progress.message(String.format("[%d/%d] %s: FAILED while building: %s", index, total, spec.runId(), e));
      return Ending.FAILED;
    }
    try (prepared; RunWriter writer = store.start(spec, info(plugin, prepared, facts));
        RunProgress.RunListener shown = progress.startRun(spec, index, total)) {
      try {
        TrainingOutcome outcome = prepared.run(TrainingListener.all(writer, shown));
        if (outcome.status() == TrainingOutcome.Status.DIVERGED) {
          writer.diverged(outcome.reason());
          progress.message(String.format("[%d/%d] %s: DIVERGED: %s", index, total, spec.runId(), outcome.reason()));
          return Ending.DIVERGED;
        }
        writer.complete();
        return Ending.COMPLETED;
      } catch (RuntimeException | Error e) {
        writer.failed(e);
        progress.message(String.format("[%d/%d] %s: FAILED: %s", index, total, spec.runId(), e));
        return Ending.FAILED;
      }
    }
  }

  /** What the run records at its start; {@code prepared} is null when the network could not be built. */
  private RunStartInfo info(DiscoveredPlugin plugin, PreparedRun prepared, DatasetFacts facts) {
    return prepared == null
        ? new RunStartInfo(plugin.name(), plugin.origin().toString(), 0, 0, List.of(), environment, facts)
        : new RunStartInfo(plugin.name(), plugin.origin().toString(), prepared.parameterCount(),
            prepared.macsPerImage(), prepared.structure(), environment, facts);
  }
}
