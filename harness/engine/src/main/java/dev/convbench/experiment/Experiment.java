package dev.convbench.experiment;

import dev.convbench.data.DatasetOptions;
import dev.convbench.training.CheckpointPolicy;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Hardware;
import dev.convbench.training.Precision;
import dev.convbench.training.Threads;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment file, expanded into its runs.
 *
 * @param name experiment name (names the default results directory {@code results/<name>/})
 * @param description free text, may be empty
 * @param source the file it was read from
 * @param sourceText the file's text as read (copied into results and the report)
 * @param dataset data settings shared by every run
 * @param runs every matrix cell × seed, in a stable order
 * @param baseline architecture label the report compares the others against, or {@code null}
 * @param checkpoints when runs write checkpoints ({@code defaults.checkpoint}); not part of any run's identity
 * @param threads TensorFlow's thread counts ({@code threads}); not part of any run's identity
 * @param device where runs compute ({@code device}); not part of any run's identity
 */
public record Experiment(String name, String description, Path source, String sourceText, DatasetOptions dataset,
    List<RunSpec> runs, String baseline, CheckpointPolicy checkpoints, Threads threads, DeviceSetting device) {

  public Experiment {
    checkpoints = checkpoints == null ? CheckpointPolicy.defaults() : checkpoints;
    threads = threads == null ? Threads.DEFAULT : threads;
    device = device == null ? DeviceSetting.AUTO : device;
  }

  /** An experiment whose runs compute where {@code device: auto} says. */
  public Experiment(String name, String description, Path source, String sourceText, DatasetOptions dataset,
      List<RunSpec> runs, String baseline, CheckpointPolicy checkpoints, Threads threads) {
    this(name, description, source, sourceText, dataset, runs, baseline, checkpoints, threads, DeviceSetting.AUTO);
  }

  /** An experiment with the default checkpoint policy and thread counts. */
  public Experiment(String name, String description, Path source, String sourceText, DatasetOptions dataset,
      List<RunSpec> runs, String baseline) {
    this(name, description, source, sourceText, dataset, runs, baseline, CheckpointPolicy.defaults(),
        Threads.DEFAULT);
  }

  /**
   * The same experiment with {@code precision: auto} replaced by what it means on {@code here}, so that a run's
   * identity names the format it computes in.
   */
  public Experiment withPrecisionResolved(Hardware here) {
    if (runs.stream().noneMatch(r -> r.training().precision() == Precision.AUTO)) {
      return this;
    }
    List<RunSpec> resolved = runs.stream().map(r -> r.training().precision() != Precision.AUTO ? r
        : new RunSpec(r.runId(), r.architecture(), r.hyperParameters(),
            r.training().withPrecision(Precision.AUTO.resolve(here)), r.dataset(), r.seed(), r.cell(), r.label()))
        .toList();
    return new Experiment(name, description, source, sourceText, dataset, resolved, baseline, checkpoints, threads,
        device);
  }

  /** The first reason a run of this experiment cannot train on {@code hardware}, if there is one. */
  public java.util.Optional<String> precisionProblemOn(Hardware hardware) {
    return runs.stream().map(r -> r.training().precision().problemOn(hardware)).flatMap(java.util.Optional::stream)
        .findFirst();
  }

  /** The same experiment with other thread counts. */
  public Experiment withThreads(Threads other) {
    return new Experiment(name, description, source, sourceText, dataset, runs, baseline, checkpoints, other,
        device);
  }

  /** The same experiment computing elsewhere. */
  public Experiment withDevice(DeviceSetting other) {
    return new Experiment(name, description, source, sourceText, dataset, runs, baseline, checkpoints, threads,
        other);
  }
}
