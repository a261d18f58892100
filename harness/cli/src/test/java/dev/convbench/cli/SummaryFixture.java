package dev.convbench.cli;

import dev.convbench.analysis.SampleStats;

import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Summaries with chosen per-run values, as {@code results.json} holds them. */
final class SummaryFixture {

  private SummaryFixture() {}

  static ExperimentSummary summary(String experiment, CellResult... cells) {
    return new ExperimentSummary(ExperimentSummary.FORMAT, ExperimentSummary.FORMAT_VERSION, experiment, null,
        "2026-12-01T00:00:00Z", List.of(), List.of(cells), List.of());
  }

  /** A cell with final accuracy {@code accuracy} and the given secondary metrics (name, values, name, values…). */
  static CellResult cell(String label, double[] accuracy, Object... secondary) {
    Map<String, MetricResult> metrics = new LinkedHashMap<>();
    for (int i = 0; i < secondary.length; i += 2) {
      String name = (String) secondary[i];
      metrics.put(name, metric(name, (double[]) secondary[i + 1]));
    }
    List<CellResult.RunEntry> runs = new ArrayList<>();
    for (int i = 0; i < accuracy.length; i++) {
      runs.add(new CellResult.RunEntry(label + "__s" + (i + 1), (long) i + 1, "completed"));
    }
    return new CellResult(label, "baseline-cnn", Map.of(), Map.of(), null, null, 0.2, runs,
        metric(MetricResult.FINAL_ACCURACY, accuracy), metrics);
  }

  static MetricResult metric(String name, double... values) {
    boolean accuracy = name.endsWith("Accuracy");
    String unit = accuracy ? "fraction" : name.equals(MetricResult.EPOCHS_TO_TARGET) ? "epochs" : "seconds";
    List<MetricResult.Value> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      list.add(new MetricResult.Value("s" + (i + 1), (long) i + 1, values[i]));
    }
    SampleStats s = SampleStats.of(values);
    return new MetricResult(name, unit, accuracy, "mean", s.n(), s.isEmpty() ? null : s.mean(),
        s.n() < 2 ? null : s.std(), null, List.of(), list);
  }

  static double[] v(double... values) {
    return values;
  }
}
