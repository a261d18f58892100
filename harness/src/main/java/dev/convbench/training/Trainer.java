package dev.convbench.training;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one architecture on one data set with one seed, epoch by epoch, evaluating after each epoch. Stateless:
 * each call builds, runs and closes its own graph and session.
 */
public final class Trainer {

  private final Threads threads;

  /** A trainer that leaves TensorFlow's thread counts at their defaults. */
  public Trainer() {
    this(Threads.DEFAULT);
  }

  private Trainer(Threads threads) {
    this.threads = threads;
  }

  /** A trainer whose sessions use {@code threads}. */
  public Trainer withThreads(Threads threads) {
    return new Trainer(java.util.Objects.requireNonNull(threads));
  }

  /**
   * Builds the run's graph and loads the data into it; the caller then calls {@link PreparedRun#run} and closes it.
   * Separate from running so that the caller can record the parameter count before the first step.
   *
   * @throws RuntimeException anything the plugin or TensorFlow throws while building
   */
  public PreparedRun prepare(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      long seed) {
    return prepare(plugin, params, cfg, data, seed, true);
  }

  /**
   * As {@link #prepare(ArchitecturePlugin, HyperParameters, TrainingConfig, Dataset, long)}, optionally without the
   * per-layer gradient-flow diagnostics (to measure what they cost).
   */
  public PreparedRun prepare(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg, Dataset data,
      long seed, boolean diagnostics) {
    TrainingGraph graph = new TrainingGraph(plugin, params, cfg, data.train().count(), data.eval().count(),
        ImageSet.CLASSES, seed, diagnostics, threads);
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
