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
 * @param autoPrecision what {@code precision: auto} was resolved to in the runs that ask for it, or {@code null}
 *     before it is resolved and when no run asks for it
 */
public record Experiment(String name, String description, Path source, String sourceText, DatasetOptions dataset,
    List<RunSpec> runs, String baseline, CheckpointPolicy checkpoints, Threads threads, DeviceSetting device,
    Precision autoPrecision) {

  public Experiment {
    checkpoints = checkpoints == null ? CheckpointPolicy.defaults() : checkpoints;
    threads = threads == null ? Threads.DEFAULT : threads;
    device = device == null ? DeviceSetting.AUTO : device;
  }

  /** An experiment whose {@code precision: auto}, if any run asks for it, is not resolved yet. */
  public Experiment(String name, String description, Path source, String sourceText, DatasetOptions dataset,
      List<RunSpec> runs, String baseline, CheckpointPolicy checkpoints, Threads threads, DeviceSetting device) {
    this(name, description, source, sourceText, dataset, runs, baseline, checkpoints, threads, device, null);
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
    return withAutoPrecision(Precision.AUTO.resolve(here));
  }

  /** Whether a run asks for {@code precision: auto} that is not resolved yet. */
  public boolean asksForAutoPrecision() {
    return runs.stream().anyMatch(r -> r.training().precision() == Precision.AUTO);
  }

  /**
   * The same experiment with {@code precision: auto} replaced by {@code concrete} (resolved here, or by the first
   * process of a shared results directory), so that a run's identity names the format it computes in.
   */
  public Experiment withAutoPrecision(Precision concrete) {
    if (!asksForAutoPrecision()) {
      return this;
    }
    if (concrete == Precision.AUTO) {
      throw new IllegalArgumentException("precision auto must be resolved to fp32, bf16 or fp16");
    }
    List<RunSpec> resolved = runs.stream().map(r -> r.training().precision() != Precision.AUTO ? r
        : new RunSpec(r.runId(), r.architecture(), r.hyperParameters(), r.training().withPrecision(concrete),
            r.dataset(), r.seeds(), r.cell(), r.label()))
        .toList();
    return new Experiment(name, description, source, sourceText, dataset, resolved, baseline, checkpoints, threads,
        device, concrete);
  }

  /** The first reason a run of this experiment cannot train on {@code hardware}, if there is one. */
  public java.util.Optional<String> precisionProblemOn(Hardware hardware) {
    return runs.stream().map(r -> r.training().precision().problemOn(hardware)).flatMap(java.util.Optional::stream)
        .findFirst();
  }

  /** The same experiment with other thread counts. */
  public Experiment withThreads(Threads other) {
    return new Experiment(name, description, source, sourceText, dataset, runs, baseline, checkpoints, other,
        device, autoPrecision);
  }

  /** The same experiment computing elsewhere. */
  public Experiment withDevice(DeviceSetting other) {
    return new Experiment(name, description, source, sourceText, dataset, runs, baseline, checkpoints, threads,
        other, autoPrecision);
  }
}
