package dev.convbench.cli;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.ExperimentLoader;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ExperimentManifest;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.ResultsReader;
import dev.convbench.training.Devices;
import dev.convbench.training.Hardware;
import dev.convbench.training.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
        r.training(), override(r.dataset(), context), r.seeds(), r.cell(), r.label())).toList();
    return new Experiment(e.name(), e.description(), e.source(), e.sourceText(), override(e.dataset(), context), runs,
        e.baseline(), e.checkpoints(), e.threads(), e.device());
  }

  /**
   * Loads the file as this process will train it: thread counts and device from the command line over the file's,
   * a GPU asked for checked, {@code precision: auto} resolved as the results directory recorded it, else for this
   * machine. Everything that cannot train here is refused before anything is written.
   */
  Experiment loadForTraining(CommandContext context, PluginRegistry plugins, ThreadOptions threads,
      DeviceOptions devices, ResultsOptions results) throws ExperimentException {
    Experiment loaded = load(context, plugins);
    Experiment experiment = loaded.withThreads(threads.resolve(loaded.threads()))
        .withDevice(devices.resolve(loaded.device()));
    DeviceOptions.requireUsable(experiment.device(), context);
    return resolvedForThisMachine(experiment, results.directory(context, experiment), true);
  }

  /**
   * {@code experiment} with {@code precision: auto} replaced by what it means for {@code resultsDirectory} (when
   * given) or on this machine and the experiment's device, so that run identities name the format the runs compute
   * in.
   */
  static Experiment resolvedForThisMachine(Experiment experiment, Path resultsDirectory) {
    return resolvedForThisMachine(experiment, resultsDirectory, false);
  }

  private static Experiment resolvedForThisMachine(Experiment experiment, Path resultsDirectory, boolean toTrain) {
    boolean asksTheMachine = experiment.runs().stream().map(r -> r.training().precision())
        .anyMatch(p -> p == Precision.AUTO || (toTrain && p == Precision.FP16));
    if (!asksTheMachine) {
      return experiment;
    }
    return resolvedOn(experiment, resultsDirectory, Devices.hardware(experiment.device()), toTrain);
  }

  /**
   * {@code experiment} resolved on {@code here}: {@code precision: auto} as the results directory's
   * {@code experiment.json} recorded it (the first process of a directory records it, so that processes on machines
   * that would resolve it otherwise still compute, and identify, the runs alike), else as {@code here} resolves it.
   *
   * @param resultsDirectory where the runs go, or {@code null} when unknown
   * @param toTrain whether this process trains: then what {@code here} cannot compute is refused
   * @throws UserInputException when training and {@code here} cannot compute in the recorded precision, or in a
   *     precision a run names
   */
  static Experiment resolvedOn(Experiment experiment, Path resultsDirectory, Hardware here, boolean toTrain) {
    Optional<Precision> recorded = experiment.asksForAutoPrecision()
        ? recordedAutoPrecision(experiment, resultsDirectory) : Optional.empty();
    if (toTrain && recorded.isPresent() && !recorded.get().computedAsAutoOn(here)) {
      Precision mine = Precision.AUTO.resolve(here);
      throw new UserInputException(resultsDirectory.resolve(ResultsLayout.EXPERIMENT_FILE) + " records precision auto"
          + " as " + recorded.get() + ", which this machine does not compute: here auto means " + mine + " ("
          + Precision.autoReason(here) + "); nothing was trained: run it on a machine that computes "
          + recorded.get() + ", or choose another directory with --out");
    }
    Experiment resolved = experiment.withAutoPrecision(recorded.orElseGet(() -> Precision.AUTO.resolve(here)));
    if (toTrain) {
      resolved.precisionProblemOn(here).ifPresent(problem -> {
        throw new UserInputException(experiment.source() + ": " + problem);
      });
    }
    return resolved;
  }

  /**
   * What {@code resultsDirectory}'s {@code experiment.json} records {@code precision: auto} as, when it holds this
   * experiment and records it.
   */
  static Optional<Precision> recordedAutoPrecision(Experiment experiment, Path resultsDirectory) {
    if (resultsDirectory == null) {
      return Optional.empty();
    }
    Optional<String> recorded;
    try {
      recorded = ResultsReader.readManifest(resultsDirectory)
          .filter(manifest -> experiment.name().equals(manifest.name()))
          .map(ExperimentManifest::autoPrecision);
    } catch (IOException e) {
      return Optional.empty(); // training refuses an unreadable experiment.json, with its own message
    }
    return recorded.map(name -> Precision.parse(name).filter(p -> p != Precision.AUTO).orElseThrow(() ->
        new UserInputException(resultsDirectory.resolve(ResultsLayout.EXPERIMENT_FILE) + " records precision auto as '"
            + name + "', which is not a precision (fp32, bf16 or fp16); nothing was trained: restore the file, or"
            + " choose another directory with --out")));
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
