package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.results.ExperimentManifest;
import dev.convbench.results.ExperimentResults;
import dev.convbench.results.Results;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunResult;
import dev.convbench.results.RunStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the report shows, computed from the results and nothing else; the page only formats it.
 *
 * @param generatedAt when the report was made
 * @param results the directories read, with the reader's warnings
 * @param cells the cells, in the order their labels first appear
 * @param palette the colour of each cell
 * @param gradientFlows the gradient flow of each cell that recorded layer statistics, by label, in cell order
 */
record ReportModel(Instant generatedAt, Results results, List<CellSummary> cells, Palette palette,
    Map<String, GradientFlow> gradientFlows) {

  /**
   * Runs that used files with fewer records than the official data set.
   *
   * @param recordsPerFile the records per file those runs saw
   * @param runIds the runs
   */
  record PartialData(Map<String, Integer> recordsPerFile, List<String> runIds) {}

  static ReportModel of(Results results, Instant generatedAt) {
    List<CellSummary> cells = CellSummary.group(results.runs());
    Palette palette = new Palette(cells.stream().map(CellSummary::label).toList());
    Map<String, GradientFlow> flows = new LinkedHashMap<>();
    cells.forEach(c -> GradientFlow.of(c).ifPresent(f -> flows.put(c.label(), f)));
    return new ReportModel(generatedAt, results, cells, palette, java.util.Collections.unmodifiableMap(flows));
  }

  /** The 1-based position of a cell, for its anchors ({@code cell-2}, {@code arch-2}…). */
  int number(CellSummary cell) {
    return cells.indexOf(cell) + 1;
  }

  List<ExperimentResults> experiments() {
    return results.experiments();
  }

  List<RunResult> runs() {
    return results.runs();
  }

  /** The experiments' names, joined. */
  String title() {
    String names = experiments().stream().map(ExperimentResults::name).distinct().collect(Collectors.joining(" + "));
    return names.isEmpty() ? "convbench results" : names;
  }

  /** Distinct non-empty descriptions. */
  List<String> descriptions() {
    return experiments().stream().map(ExperimentResults::manifest).filter(Objects::nonNull)
        .map(ExperimentManifest::description).filter(d -> d != null && !d.isBlank()).distinct().toList();
  }

  /** The baseline cell: the first manifest's baseline label, when a cell has it. */
  Optional<CellSummary> baseline() {
    return experiments().stream().map(ExperimentResults::manifest).filter(Objects::nonNull)
        .map(ExperimentManifest::baseline).filter(Objects::nonNull).findFirst()
        .flatMap(label -> cells.stream().filter(c -> c.label().equals(label)).findFirst());
  }

  /** Runs per status, every status present (zero included), in declaration order. */
  Map<RunStatus, Integer> statusCounts() {
    Map<RunStatus, Integer> counts = new EnumMap<>(RunStatus.class);
    for (RunStatus s : RunStatus.values()) {
      counts.put(s, 0);
    }
    runs().forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    return counts;
  }

  /** Earliest start and latest end among the runs, when known. */
  Optional<Instant> firstStart() {
    return runs().stream().map(r -> instant(r.record().startedAt())).flatMap(Optional::stream).min(Instant::compareTo);
  }

  Optional<Instant> lastEnd() {
    return runs().stream().map(r -> instant(r.record().endedAt())).flatMap(Optional::stream).max(Instant::compareTo);
  }

  /** Partial data sets, grouped by the record counts the runs saw. */
  List<PartialData> partialData() {
    Map<Map<String, Integer>, List<String>> byCounts = new LinkedHashMap<>();
    for (RunResult run : runs()) {
      DatasetFacts data = run.record().dataset();
      if (data != null && data.partial()) {
        byCounts.computeIfAbsent(data.recordsPerFile(), k -> new ArrayList<>()).add(run.runId());
      }
    }
    return byCounts.entrySet().stream().map(e -> new PartialData(e.getKey(), e.getValue())).toList();
  }

  /**
   * The distinct values of each environment fact over the runs, with how many runs had each: field name → value →
   * runs. Fields in a fixed order; a run without the fact counts as {@code unknown}.
   */
  Map<String, Map<String, Integer>> environment() {
    Map<String, Function<RunRecord, Object>> fields = new LinkedHashMap<>();
    fields.put("TensorFlow", r -> env(r, Environment::tensorflowVersion));
    fields.put("Device", r -> env(r, Environment::device));
    fields.put("GPU", r -> r.environment() == null ? null
        : Objects.requireNonNullElse(r.environment().gpuModel(), "none"));
    fields.put("CPU", r -> env(r, Environment::cpuModel));
    fields.put("Logical processors", r -> env(r, Environment::availableProcessors));
    fields.put("JVM", r -> env(r, Environment::jvm));
    fields.put("OS", r -> env(r, Environment::os));
    fields.put("Plugin origin", r -> r.plugin() == null ? null : r.plugin() + ": " + r.pluginOrigin());
    fields.put("Data", r -> r.dataset() == null ? null : String.format(java.util.Locale.ROOT,
        "%,d training images, %,d evaluation images (%s)", r.dataset().trainCount(), r.dataset().evalCount(),
        r.dataset().evalName()));
    Map<String, Map<String, Integer>> table = new LinkedHashMap<>();
    fields.forEach((name, getter) -> {
      Map<String, Integer> values = new LinkedHashMap<>();
      for (RunResult run : runs()) {
        Object v = getter.apply(run.record());
        values.merge(v == null ? "unknown" : String.valueOf(v), 1, Integer::sum);
      }
      table.put(name, values);
    });
    return table;
  }

  private static Object env(RunRecord r, Function<Environment, Object> fact) {
    return r.environment() == null ? null : fact.apply(r.environment());
  }

  private static Optional<Instant> instant(String iso) {
    if (iso == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
