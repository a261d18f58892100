package dev.convbench.results;

import java.util.List;
import java.util.Map;

/**
 * One cell of an {@link ExperimentSummary}: what it trains and its metrics over its completed runs.
 *
 * @param label the cell's label, its key when two summaries are compared
 * @param architecture the architecture plugin's name
 * @param cell the matrix values that define the cell, as written in the experiment file
 * @param hyperParameters the architecture's hyper-parameters, defaults filled in
 * @param trainableParameters trainable scalar parameters, {@code null} when the runs disagree or none was built
 * @param flopsPerImage forward FLOPs per image, {@code null} when unknown
 * @param targetAccuracy the cell's target test accuracy, {@code null} when it has none
 * @param runs every run of the cell with its seed and status, in reading order
 * @param primaryMetric final test accuracy over the completed runs
 * @param secondaryMetrics the other metrics by name ({@link MetricResult} names), in a fixed order; a metric no run
 *     measured is left out
 */
public record CellResult(String label, String architecture, Map<String, Object> cell,
    Map<String, Object> hyperParameters, Long trainableParameters, Long flopsPerImage, Double targetAccuracy,
    List<RunEntry> runs, MetricResult primaryMetric, Map<String, MetricResult> secondaryMetrics) {

  public CellResult {
    cell = cell == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cell));
    hyperParameters = hyperParameters == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyperParameters));
    runs = runs == null ? List.of() : List.copyOf(runs);
    secondaryMetrics = secondaryMetrics == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondaryMetrics));
  }

  /**
   * One run of the cell.
   *
   * @param runId the run's id (its directory name)
   * @param seed its seed, {@code null} when unknown
   * @param status its status ({@link RunStatus} in lower case, as in {@code run.json})
   * @param streamSeeds the seeds of its weight initialisation, data order and augmentation, {@code null} when
   *     unknown
   */
  public record RunEntry(String runId, Long seed, String status, StreamSeeds streamSeeds) {

    /** A run whose stream seeds are unknown. */
    public RunEntry(String runId, Long seed, String status) {
      this(runId, seed, status, null);
    }
  }

  /** The metric called {@code name}: the primary one or a secondary one, if measured. */
  public java.util.Optional<MetricResult> metric(String name) {
    if (primaryMetric != null && primaryMetric.name().equals(name)) {
      return java.util.Optional.of(primaryMetric);
    }
    return java.util.Optional.ofNullable(secondaryMetrics.get(name));
  }
}
