package dev.convbench.training;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;

/**
 * Trains one architecture on one data set with one choice of seeds, epoch by epoch, evaluating after each epoch. Stateless:
 * each call builds, runs and closes its own graph and session.
 */
public final class Trainer {

  private final Threads threads;
  private final DeviceSetting device;

  /** A trainer that leaves TensorFlow's thread counts at their defaults and computes where {@code auto} says. */
  public Trainer() {
    this(Threads.DEFAULT, DeviceSetting.AUTO);
  }

  private Trainer(Threads threads, DeviceSetting device) {
    this.threads = threads;
    this.device = device;
  }

  /** A trainer whose sessions use {@code threads}. */
  public Trainer withThreads(Threads threads) {
    return new Trainer(java.util.Objects.requireNonNull(threads), device);
  }

  /** A trainer whose sessions compute on {@code device}. */
  public Trainer withDevice(DeviceSetting device) {
    return new Trainer(threads, java.util.Objects.requireNonNull(device));
  }

  /** Where this trainer's sessions compute. */
  public DeviceSetting device() {
    return device;
  }

  /**
   * Builds the run's graph and loads the data into it; the caller then calls {@link PreparedRun#run} and closes it.
   * Separate from running so that the caller can record the parameter count before the first step.
   *
   * @throws RuntimeException anything the plugin or TensorFlow throws while building
   */
  public PreparedRun prepare(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      long seed) {
    return prepare(plugin, params, cfg, data, RunSeeds.uniform(seed), true);
  }

  /** As {@link #prepare(ArchitecturePlugin, HyperParameters, TrainingConfig, Dataset, long)}, a seed per stream. */
  public PreparedRun prepare(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      RunSeeds seeds) {
    return prepare(plugin, params, cfg, data, seeds, true);
  }

  /**
   * As {@link #prepare(ArchitecturePlugin, HyperParameters, TrainingConfig, Dataset, long)}, optionally without the
   * per-layer gradient-flow diagnostics (to measure what they cost).
   */
  public PreparedRun prepare(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      long seed, boolean diagnostics) {
    return prepare(plugin, params, cfg, data, RunSeeds.uniform(seed), diagnostics);
  }

  /** As {@link #prepare(ArchitecturePlugin, HyperParameters, TrainingConfig, Dataset, long, boolean)}. */
  public PreparedRun prepare(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      RunSeeds seeds, boolean diagnostics) {
    TrainingGraph graph = new TrainingGraph(plugin, params, cfg, data.train().count(), data.eval().count(),
        ImageSet.CLASSES, seeds, diagnostics, threads, device);
    try {
      graph.load(data.train(), data.eval());
      return new PreparedRun(graph, cfg);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /** {@link #prepare} and {@link PreparedRun#run} in one call. */
  public TrainingOutcome train(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      long seed, TrainingListener listener) {
    try (PreparedRun run = prepare(plugin, params, cfg, data, seed)) {
      return run.run(listener);
    }
  }
}
