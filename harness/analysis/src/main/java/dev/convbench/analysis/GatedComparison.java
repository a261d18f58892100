package dev.convbench.analysis;

import dev.convbench.results.AtomicFiles;
import dev.convbench.results.ComparisonRecord;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.ResultsJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A comparison, what its two sides are called and where they were read from, and its gates checked: everything
 * {@code convbench compare} prints and writes.
 *
 * @param comparison the comparison
 * @param baseName what outputs call the base (its experiment's name unless the user named it)
 * @param baseSource where the base was read from
 * @param newName what outputs call the new side
 * @param newSource where it was read from
 * @param gates the gates, in the order given
 * @param allowUnderpowered whether gated metrics that cannot be tested are accepted
 * @param checks every gate on every matched cell, gate by gate
 */
public record GatedComparison(SummaryComparison comparison, String baseName, String baseSource, String newName,
    String newSource, List<Gate> gates, boolean allowUnderpowered, List<Gate.Check> checks) {

  /** How outputs name the test. */
  public static final String TEST = "Welch's two-sided t-test over the seeds of each cell; accuracies in percentage "
      + "points, times and epochs on the log scale (a ratio)";

  private static final ResultsJson JSON = new ResultsJson();

  public GatedComparison {
    gates = List.copyOf(gates);
    checks = List.copyOf(checks);
  }

  /** Checks {@code gates} on {@code comparison}. */
  public static GatedComparison of(SummaryComparison comparison, String baseName, String baseSource, String newName,
      String newSource, List<Gate> gates, boolean allowUnderpowered) {
    List<Gate.Check> checks = new ArrayList<>();
    gates.forEach(g -> checks.addAll(g.check(comparison, allowUnderpowered)));
    return new GatedComparison(comparison, baseName, baseSource, newName, newSource, gates, allowUnderpowered,
        checks);
  }

  /** Whether a gate failed on some cell (exit code 4). */
  public boolean failed() {
    return Gate.anyFailed(checks);
  }

  /** The checks with {@code outcome}. */
  public List<Gate.Check> checks(Gate.Outcome outcome) {
    return checks.stream().filter(c -> c.outcome() == outcome).toList();
  }

  /** {@code passed}, {@code failed} or {@code no gates}. */
  public String verdict() {
    return gates.isEmpty() ? "no gates" : failed() ? "failed" : "passed";
  }

  /** The comparison as its {@code comparison.json} record, made at {@code now}. */
  public ComparisonRecord toRecord(Instant now) {
    List<ComparisonRecord.Cell> cells = comparison.cells().stream().map(c -> new ComparisonRecord.Cell(c.label(),
        c.metrics().stream().map(GatedComparison::metric).toList())).toList();
    return new ComparisonRecord(ComparisonRecord.FORMAT, ComparisonRecord.FORMAT_VERSION, now.toString(),
        side(baseName, baseSource, comparison.base()), side(newName, newSource, comparison.candidate()), TEST,
        Welch.ALPHA, comparison.adjustment(), cells, comparison.onlyInBase(), comparison.onlyInNew(),
        gates.stream().map(Gate::toString).toList(), allowUnderpowered,
        checks.stream().map(c -> new ComparisonRecord.GateCheck(c.gate().toString(), c.label(), c.outcome().text(),
            c.reason())).toList(), verdict());
  }

  /** Writes {@link #toRecord} to {@code file} atomically. */
  public void write(Path file, Instant now) throws IOException {
    AtomicFiles.write(file, JSON.write(toRecord(now)));
  }

  private static ComparisonRecord.Side side(String name, String source, ExperimentSummary summary) {
    return new ComparisonRecord.Side(name, source, summary.experiment(), summary.definition(), summary.generatedAt(),
        summary.machines());
  }

  private static ComparisonRecord.Metric metric(MetricComparison m) {
    boolean points = m.scale() == MetricComparison.Scale.POINTS;
    double scale = 100; // fractions to percentage points, ratios − 1 to percent
    List<Double> interval = Double.isNaN(m.changeLow()) ? List.of()
        : List.of(m.changeLow() * scale, m.changeHigh() * scale);
    return new ComparisonRecord.Metric(m.metric(), m.unit(), m.higherIsBetter(), m.base().n(), orNull(m.base().mean()),
        m.candidate().n(), orNull(m.candidate().mean()), orNull(m.change() * scale),
        points ? "percentage points" : "percent", interval, orNull(m.p()), orNull(m.adjustedP()),
        orNull(m.hedgesG()), m.verdict().text(), m.reason());
  }

  private static Double orNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
