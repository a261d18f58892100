package dev.convbench.analysis;

import dev.convbench.results.RunResult;
import dev.convbench.results.RunStatus;
import dev.convbench.results.StreamSeeds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One cell of the experiment matrix (all runs sharing a label) and its statistics over seeds.
 *
 * <p>Statistics use the cell's {@code completed} runs only: a failed run is an infrastructure problem, not a result,
 * and a diverged or unfinished run has no final accuracy comparable with the others. Those runs are counted in
 * {@link #statusCounts()} and listed per run.
 *
 * @param label the cell's label
 * @param runs every run of the cell, in reading order
 * @param outcomes the derived numbers of every run, same order
 * @param architectures distinct architecture names (one, normally)
 * @param parameters distinct trainable-parameter counts (one, normally)
 * @param seeds distinct seeds, per random stream (runs of one seed have the same seed in all three)
 * @param statusCounts runs per status
 * @param target target accuracy, {@code null} when the config has none
 * @param finalAccuracy final test accuracy of the completed runs
 * @param bestAccuracy best test accuracy of the completed runs
 * @param trainingSeconds training seconds of the completed runs
 * @param imagesPerSecond training throughput of the completed runs
 * @param reached completed runs that reached the target
 * @param epochsToTarget epochs to the target, over the completed runs that reached it
 * @param secondsToTarget training seconds to the target, over the completed runs that reached it
 */
public record CellSummary(String label, List<RunResult> runs, List<RunOutcome> outcomes, Set<String> architectures,
    Set<Long> parameters, Set<StreamSeeds> seeds, Map<RunStatus, Integer> statusCounts, Double target,
    SampleStats finalAccuracy, SampleStats bestAccuracy, SampleStats trainingSeconds, SampleStats imagesPerSecond,
    int reached, SampleStats epochsToTarget, SampleStats secondsToTarget) {

  /** Groups runs by label, keeping the order in which labels first appear (the experiment's matrix order). */
  public static List<CellSummary> group(List<RunResult> runs) {
    Map<String, List<RunResult>> byLabel = new LinkedHashMap<>();
    for (RunResult run : runs) {
      byLabel.computeIfAbsent(run.label(), k -> new ArrayList<>()).add(run);
    }
    return byLabel.entrySet().stream().map(e -> of(e.getKey(), e.getValue())).toList();
  }

  /** Summarises the runs of one cell. */
  public static CellSummary of(String label, List<RunResult> runs) {
    List<RunOutcome> outcomes = runs.stream().map(RunOutcome::of).toList();
    List<RunOutcome> completed = outcomes.stream()
        .filter(o -> o.run().status() == RunStatus.COMPLETED && o.finalAccuracy() != null).toList();
    List<RunOutcome> reached = completed.stream().filter(RunOutcome::reachedTarget).toList();
    Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
    runs.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    Double target = outcomes.stream().map(RunOutcome::target).filter(Objects::nonNull).findFirst().orElse(null);
    return new CellSummary(label, List.copyOf(runs), outcomes,
        distinct(runs, r -> r.record().spec() == null ? r.record().plugin() : r.record().spec().architecture()),
        distinct(runs, r -> r.record().trainableParameters()),
        distinct(runs, r -> r.record().spec() == null ? null : r.record().spec().seeds()),
        counts, target,
        stats(completed, RunOutcome::finalAccuracy), stats(completed, RunOutcome::bestAccuracy),
        stats(completed, RunOutcome::trainingSeconds), stats(completed, RunOutcome::imagesPerSecond),
        reached.size(), stats(reached, o -> o.epochsToTarget().doubleValue()),
        stats(reached, RunOutcome::secondsToTarget));
  }

  /** Completed runs, the ones the statistics are over. */
  public int completed() {
    return statusCounts.getOrDefault(RunStatus.COMPLETED, 0);
  }

  /**
   * FLOPs per image (2 × multiply-accumulates) the runs recorded, distinct values (one, normally); empty when no run
   * recorded them (results from before convbench counted them).
   */
  public Set<Long> flopsPerImage() {
    Set<Long> values = new LinkedHashSet<>();
    runs.forEach(r -> {
      if (r.record().macsPerImage() > 0) {
        values.add(r.record().flopsPerImage());
      }
    });
    return values;
  }

  /** The FLOPs per image when every run that recorded them agrees, else empty. */
  public java.util.OptionalLong flops() {
    Set<Long> values = flopsPerImage();
    return values.size() == 1 ? java.util.OptionalLong.of(values.iterator().next()) : java.util.OptionalLong.empty();
  }

  /** The trainable parameters when every run agrees, else empty. */
  public java.util.OptionalLong parameterCount() {
    return parameters.size() == 1 && parameters.iterator().next() > 0
        ? java.util.OptionalLong.of(parameters.iterator().next()) : java.util.OptionalLong.empty();
  }

  /** Peak resident memory of the completed runs that reported it, in bytes. */
  public SampleStats peakResidentBytes() {
    return SampleStats.of(runs.stream().filter(r -> r.status() == RunStatus.COMPLETED)
        .map(r -> r.record().peakResidentBytes()).filter(Objects::nonNull).mapToDouble(Long::doubleValue).toArray());
  }

  /** The outcomes of the completed runs with at least one epoch: the runs the statistics are over. */
  public List<RunOutcome> completedOutcomes() {
    return outcomes.stream().filter(o -> o.run().status() == RunStatus.COMPLETED && o.finalAccuracy() != null)
        .toList();
  }

  private static <T> Set<T> distinct(List<RunResult> runs, Function<RunResult, T> value) {
    Set<T> values = new LinkedHashSet<>();
    for (RunResult r : runs) {
      T v = value.apply(r);
      if (v != null) {
        values.add(v);
      }
    }
    return values;
  }

  private static SampleStats stats(List<RunOutcome> outcomes, Function<RunOutcome, Double> value) {
    return SampleStats.of(outcomes.stream().map(value).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
        .toArray());
  }
}
