package dev.convbench.experiment;

import dev.convbench.data.DatasetOptions;
import dev.convbench.training.RunSeeds;
import dev.convbench.training.TrainingConfig;
import java.util.Map;

/**
 * One run of an experiment: one matrix cell with one choice of seeds, fully resolved and validated.
 *
 * @param runId stable, file-system-safe identifier, unique within the experiment, the same every time the same
 *     file is expanded (it names the run's result directory, which is how {@code --resume} finds finished runs)
 * @param architecture plugin name
 * @param hyperParameters the architecture's hyper-parameters, defaults filled in, in declaration order
 * @param training resolved training settings
 * @param dataset resolved data settings
 * @param seeds the seeds of the run's weight initialisation, data order and augmentation
 * @param cell the matrix values that define this cell (key as written in the file, e.g. {@code optimizer.lr}), for
 *     display and grouping; seeds of one cell share it
 * @param label short human-readable name of the cell, e.g. {@code resnet18} or {@code resnet18 optimizer.lr=0.1}
 */
public record RunSpec(String runId, String architecture, Map<String, Object> hyperParameters, TrainingConfig training,
    DatasetOptions dataset, RunSeeds seeds, Map<String, Object> cell, String label) {

  /**
   * The run's seed: the one seed of its three streams, or its initialisation seed when they differ (as
   * {@code run.json} records it).
   */
  public long seed() {
    return seeds.init();
  }
}
