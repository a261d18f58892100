package dev.convbench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The {@code spec} of a {@code run.json}: one run of an experiment as it was resolved when the run started (the
 * engine's run settings, written in this module's own types so that renaming an engine field does not change the
 * file).
 *
 * @param runId the run's identifier, as in {@link RunRecord#runId()}
 * @param architecture the architecture plugin's name
 * @param hyperParameters the architecture's hyper-parameters, defaults filled in, in declaration order (values as
 *     JSON reads them: numbers, strings, booleans, lists)
 * @param training how the run trains
 * @param dataset which data it trains and evaluates on
 * @param seed the run's seed: the one seed of its three random streams, or its initialisation seed when the streams
 *     have different seeds ({@link #streamSeeds})
 * @param cell the matrix values that define the run's cell (key as written in the experiment file, e.g.
 *     {@code optimizer.lr}); seeds of one cell share it
 * @param label the cell's short name, e.g. {@code resnet18 optimizer.lr=0.1}
 * @param streamSeeds the seeds of the run's weight initialisation, data order and augmentation; {@code null} in
 *     files written before they could differ, where all three are {@link #seed} (left out when null, so such a
 *     file is written back as it was)
 */
public record RunSpecRecord(String runId, String architecture, Map<String, Object> hyperParameters,
    TrainingParameters training, DatasetParameters dataset, long seed, Map<String, Object> cell, String label,
    @JsonInclude(JsonInclude.Include.NON_NULL) StreamSeeds streamSeeds) {

  /** A run whose three streams all come from {@code seed}, as files written before stream seeds record it. */
  public RunSpecRecord(String runId, String architecture, Map<String, Object> hyperParameters,
      TrainingParameters training, DatasetParameters dataset, long seed, Map<String, Object> cell, String label) {
    this(runId, architecture, hyperParameters, training, dataset, seed, cell, label, null);
  }

  /** The seeds of the run's three streams, also for a file that records only {@link #seed}. */
  @JsonIgnore
  public StreamSeeds seeds() {
    return streamSeeds == null ? StreamSeeds.uniform(seed) : streamSeeds;
  }
}
