package dev.convbench.cli;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.ExperimentLoader;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.training.Devices;
import dev.convbench.training.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The experiment file argument and the data options that override the file's. */
final class ExperimentOptions {

  @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (YAML).")
  Path file;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "CIFAR-10 binary files (default: the file's dataset.data-dir, else env CIFAR10_DIR, else the "
          + "user cache, downloaded once).")
  Path dataDir;

  @Option(names = "--allow-partial-data",
      description = "Accept data files holding fewer than the official 10,000 records (the report says so).")
  boolean allowPartial;

  /** Loads and validates the file, then applies the command-line overrides to every run. */
  Experiment load(CommandContext context, PluginRegistry plugins) throws ExperimentException {
    Path path = context.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new UserInputException("no experiment file at " + path);
    }
    Experiment e = new ExperimentLoader().load(path,
        plugins.all().stream().map(DiscoveredPlugin::plugin).toList());
    if (dataDir == null && !allowPartial) {
      return e;
    }
    List<RunSpec> runs = e.runs().stream().map(r -> new RunSpec(r.runId(), r.architecture(), r.hyperParameters(),
        r.training(), override(r.dataset(), context), r.seed(), r.cell(), r.label())).toList();
    return new Experiment(e.name(), e.description(), e.source(), e.sourceText(), override(e.dataset(), context), runs,
        e.baseline(), e.checkpoints(), e.threads(), e.device());
  }

  /**
   * {@code experiment} with {@code precision: auto} replaced by what it means on this machine and the experiment's
   * device, so that run identities name the format the runs compute in.
   */
  static Experiment resolvedForThisMachine(Experiment experiment) {
    return experiment.withPrecisionResolved(() -> Devices.hardware(experiment.device()));
  }

  /** Refuses, before anything is written, an experiment whose precision this machine cannot compute in. */
  static void requireTrainableHere(Experiment experiment) {
    if (experiment.runs().stream().anyMatch(r -> r.training().precision() == Precision.FP16)) {
      experiment.precisionProblemOn(Devices.hardware(experiment.device())).ifPresent(problem -> {
        throw new UserInputException(experiment.source() + ": " + problem);
      });
    }
  }

  private DatasetOptions override(DatasetOptions options, CommandContext context) {
    DatasetOptions o = options;
    if (dataDir != null) {
      o = o.withDataDir(context.resolve(dataDir));
    }
    if (allowPartial) {
      o = o.withAllowPartial(true);
    }
    return o;
  }
}
