package dev.convbench.analysis;

import dev.convbench.results.AtomicFiles;
import dev.convbench.results.CellResult;
import dev.convbench.results.Environment;
import dev.convbench.results.ExperimentManifest;
import dev.convbench.results.ExperimentResults;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import dev.convbench.results.Results;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.RunResult;
import dev.convbench.results.RunSpecRecord;
import dev.convbench.results.StreamSeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds, writes and reads an experiment's {@link ExperimentSummary} ({@code results.json}). */
public final class ExperimentSummaries {

  private static final ResultsJson JSON = new ResultsJson();

  private ExperimentSummaries() {}

  /** The summary of every run {@code results} holds, its cells in matrix order. */
  public static ExperimentSummary of(Results results) {
    List<CellResult> cells = CellSummary.group(results.runs()).stream().map(ExperimentSummaries::cell).toList();
    Set<Environment> machines = new LinkedHashSet<>();
    results.runs().forEach(r -> {
      if (r.record().environment() != null) {
        machines.add(r.record().environment());
      }
    });
    String name = results.experiments().stream().map(ExperimentResults::name).distinct()
        .collect(Collectors.joining("+"));
    Set<String> definitions = results.experiments().stream().map(e -> e.manifestIfPresent()
        .map(ExperimentManifest::definition).orElse(null)).collect(Collectors.toCollection(LinkedHashSet::new));
    String definition = definitions.size() == 1 ? definitions.iterator().next() : null;
    return new ExperimentSummary(ExperimentSummary.FORMAT, ExperimentSummary.FORMAT_VERSION, name, definition,
        Instant.now().toString(), List.copyOf(machines), cells, results.warnings());
  }

  /** Writes {@code summary} to {@code file} atomically: a reader sees the previous file or this one, whole. */
  public static void write(ExperimentSummary summary, Path file) throws IOException {
    AtomicFiles.write(file, JSON.write(summary));
  }

  /**
   * Reads a summary, refusing a file that is not one or that a newer major format version wrote.
   *
   * @throws SummaryFormatException naming the file and what is wrong with it
   */
  public static ExperimentSummary read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new SummaryFormatException(file + ": no such file");
    }
    ExperimentSummary summary;
    try {
      summary = JSON.read(file, ExperimentSummary.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new SummaryFormatException(file + ": not a results summary (" + e.getOriginalMessage() + ")");
    }
    if (summary == null || !ExperimentSummary.FORMAT.equals(summary.format())) {
      throw new SummaryFormatException(file + ": not a convbench results summary (no \"format\": \""
          + ExperimentSummary.FORMAT + "\")");
    }
    if (summary.formatVersion() > ExperimentSummary.FORMAT_VERSION) {
      throw new SummaryFormatException(file + ": written in results format version " + summary.formatVersion()
          + ", this convbench reads up to " + ExperimentSummary.FORMAT_VERSION + "; use a newer convbench");
    }
    return summary;
  }

  /** A file that is not a summary this release can read. */
  public static final class SummaryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    SummaryFormatException(String message) {
      super(message);
    }
  }

  private static CellResult cell(CellSummary c) {
    RunSpecRecord spec = c.runs().stream().map(r -> r.record().spec()).filter(Objects::nonNull).findFirst()
        .orElse(null);
    List<RunOutcome> completed = c.completedOutcomes();
    List<RunOutcome> reached = completed.stream().filter(RunOutcome::reachedTarget).toList();
    Map<String, MetricResult> secondary = new LinkedHashMap<>();
    put(secondary, metric(MetricResult.BEST_ACCURACY, "fraction", true, completed, RunOutcome::bestAccuracy));
    Function<double[], Aggregate> toTarget = Aggregate::timeToTarget;
    put(secondary, metric(MetricResult.EPOCHS_TO_TARGET, "epochs", false, reached,
        o -> o.epochsToTarget().doubleValue(), toTarget));
    put(secondary, metric(MetricResult.SECONDS_TO_TARGET, "seconds", false, reached, RunOutcome::secondsToTarget,
        toTarget));
    put(secondary, metric(MetricResult.TRAINING_SECONDS, "seconds", false, completed, RunOutcome::trainingSeconds));
    put(secondary, metric(MetricResult.IMAGES_PER_SECOND, "images/s", true, completed,
        RunOutcome::imagesPerSecond));
    put(secondary, metric(MetricResult.STEP_SECONDS, "seconds", false, completed, ExperimentSummaries::stepSeconds));
    List<CellResult.RunEntry> runs = c.runs().stream().map(r -> new CellResult.RunEntry(r.runId(), seed(r),
        r.status() == null ? null : r.status().toString().toLowerCase(java.util.Locale.ROOT), streamSeeds(r)))
        .toList();
    return new CellResult(c.label(), c.architectures().stream().findFirst().orElse(null),
        spec == null ? Map.of() : spec.cell(), spec == null ? Map.of() : spec.hyperParameters(),
        c.parameterCount().isPresent() ? c.parameterCount().getAsLong() : null,
        c.flops().isPresent() ? c.flops().getAsLong() : null, c.target(), runs,
        metric(MetricResult.FINAL_ACCURACY, "fraction", true, completed, RunOutcome::finalAccuracy), secondary);
  }

  private static void put(Map<String, MetricResult> metrics, MetricResult metric) {
    if (metric.n() > 0) {
      metrics.put(metric.name(), metric);
    }
  }

  private static Double stepSeconds(RunOutcome o) {
    RunSpecRecord spec = o.run().record().spec();
    if (spec == null || o.imagesPerSecond() == null || !(o.imagesPerSecond() > 0)) {
      return null;
    }
    return spec.training().batchSize() / o.imagesPerSecond();
  }

  private static Long seed(RunResult r) {
    return r.record().spec() == null ? null : r.record().spec().seed();
  }

  private static StreamSeeds streamSeeds(RunResult r) {
    return r.record().spec() == null ? null : r.record().spec().seeds();
  }

  /** A metric over {@code outcomes}: the mean, the sample standard deviation and the t interval of the mean. */
  static MetricResult metric(String name, String unit, boolean higherIsBetter, List<RunOutcome> outcomes,
      Function<RunOutcome, Double> value) {
    return metric(name, unit, higherIsBetter, outcomes, value, Aggregate::mean);
  }

  /**
   * A metric over {@code outcomes}, its score by {@code aggregation} ({@link Aggregate}): the score and its interval,
   * the sample standard deviation of every value, and every value (a trimmed score keeps the dropped runs' values).
   */
  static MetricResult metric(String name, String unit, boolean higherIsBetter, List<RunOutcome> outcomes,
      Function<RunOutcome, Double> value, Function<double[], Aggregate> aggregation) {
    List<MetricResult.Value> values = new ArrayList<>();
    for (RunOutcome o : outcomes) {
      Double v = value.apply(o);
      if (v != null && Double.isFinite(v)) {
        values.add(new MetricResult.Value(o.run().runId(), seed(o.run()), v, streamSeeds(o.run())));
      }
    }
    double[] raw = values.stream().mapToDouble(MetricResult.Value::value).toArray();
    SampleStats s = SampleStats.of(raw);
    Aggregate score = aggregation.apply(raw);
    boolean spread = s.n() >= 2;
    double half = score.halfWidth95();
    return new MetricResult(name, unit, higherIsBetter, score.method(), s.n(), s.isEmpty() ? null : score.value(),
        spread ? s.std() : null, spread ? half : null,
        spread ? List.of(score.value() - half, score.value() + half) : List.of(), values);
  }
}
