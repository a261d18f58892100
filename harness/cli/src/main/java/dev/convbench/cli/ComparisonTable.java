package dev.convbench.cli;

import dev.convbench.analysis.CellComparison;
import dev.convbench.analysis.SummaryComparison;
import dev.convbench.analysis.ComparisonFormats;
import dev.convbench.analysis.Gate;
import dev.convbench.analysis.GatedComparison;
import dev.convbench.analysis.MetricComparison;
import dev.convbench.results.Counted;
import dev.convbench.results.ExperimentSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code compare}'s terminal output: an aligned table of every compared metric, and the one-line verdict. */
final class ComparisonTable {

  private static final String[] HEADER = {"CELL", "METRIC", "BASE", "NEW", "CHANGE", "95 % CI", "P", "G", "VERDICT"};
  private static final boolean[] LEFT = {true, true, false, false, false, false, false, false, true};

  private ComparisonTable() {}

  /** The table and what follows it: cells on one side only, gates that did not pass. */
  static String render(GatedComparison gated) {
    SummaryComparison c = gated.comparison();
    StringBuilder text = new StringBuilder();
    text.append("base: ").append(side(gated.baseName(), gated.baseSource(), c.base())).append('\n');
    text.append("new:  ").append(side(gated.newName(), gated.newSource(), c.candidate())).append('\n');
    List<String[]> rows = new ArrayList<>();
    for (CellComparison cell : c.cells()) {
      boolean first = true;
      for (MetricComparison m : cell.metrics()) {
        rows.add(new String[] {first ? cell.label() : "", SummaryComparison.displayName(m.metric()),
            ComparisonFormats.mean(m, m.base()) + " (" + ComparisonFormats.n(m.base()) + ")",
            ComparisonFormats.mean(m, m.candidate()) + " (" + ComparisonFormats.n(m.candidate()) + ")",
            ComparisonFormats.change(m), ComparisonFormats.interval(m), ComparisonFormats.p(m),
            ComparisonFormats.hedgesG(m), m.verdictText()});
        first = false;
      }
    }
    text.append(align(rows));
    if (!c.onlyInBase().isEmpty()) {
      text.append("only in base (not compared): ").append(String.join(", ", c.onlyInBase())).append('\n');
    }
    if (!c.onlyInNew().isEmpty()) {
      text.append("only in new (not compared): ").append(String.join(", ", c.onlyInNew())).append('\n');
    }
    for (Gate.Check check : gated.checks()) {
      if (check.outcome() == Gate.Outcome.FAILED || check.outcome() == Gate.Outcome.UNTESTED) {
        text.append("gate ").append(check.gate()).append(' ').append(check.outcome().text()).append(" on ")
            .append(check.label()).append(": ").append(check.reason()).append('\n');
      }
    }
    text.append(significance(gated)).append('\n');
    return text.toString();
  }

  /** What "significant" means here, in one line. */
  static String significance(GatedComparison gated) {
    return "Welch's t-test over seeds; significant: p < 0.05 " + gated.comparison().adjustmentPhrase()
        + "; accuracy changes in percentage "
        + "points, times and epochs as the ratio of geometric means (tested on logs)";
  }

  /**
   * The one line for standard error: the gates' outcome (or that there were none) and how many metrics changed,
   * e.g. {@code compare: FAILED accuracy-drop=1pp on lenet5; 2 cells compared, 8 metrics: 1 worse, 1
   * better, 6 no significant change}.
   */
  static String verdictLine(GatedComparison gated) {
    SummaryComparison c = gated.comparison();
    Map<MetricComparison.Verdict, Integer> counts = new EnumMap<>(MetricComparison.Verdict.class);
    c.cells().forEach(cell -> cell.metrics().forEach(m -> counts.merge(m.verdict(), 1, Integer::sum)));
    int metrics = counts.values().stream().mapToInt(Integer::intValue).sum();
    String changes = Counted.of(c.cells().size(), "cell") + " compared, " + Counted.of(metrics, "metric") + ": "
        + counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().text()).collect(Collectors.joining(", "));
    String oneSided = c.onlyInBase().isEmpty() && c.onlyInNew().isEmpty() ? ""
        : "; " + c.onlyInBase().size() + " only in base, " + c.onlyInNew().size() + " only in new";
    String gates;
    if (gated.gates().isEmpty()) {
      gates = "no gates";
    } else if (gated.failed()) {
      gates = "FAILED " + gated.checks(Gate.Outcome.FAILED).stream().map(ch -> ch.gate() + " on " + ch.label())
          .collect(Collectors.joining(", "));
    } else {
      int untested = gated.checks(Gate.Outcome.UNTESTED).size();
      gates = "passed " + gated.gates().stream().map(Gate::toString).collect(Collectors.joining(", "))
          + (untested == 0 ? "" : " (" + untested + " untested)");
    }
    return "compare: " + gates + "; " + changes + oneSided;
  }

  static String side(String name, String source, ExperimentSummary summary) {
    int runs = summary.cells().stream().mapToInt(cell -> cell.runs().size()).sum();
    return name + " (" + Counted.of(summary.cells().size(), "cell") + ", " + Counted.of(runs, "run")
        + "; " + source + ")";
  }

  private static String align(List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (int i = 0; i < HEADER.length; i++) {
      widths[i] = HEADER[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder(line(HEADER, widths));
    rows.forEach(row -> text.append(line(row, widths)));
    return text.toString();
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String padding = " ".repeat(widths[i] - values[i].length());
      text.append(i == 0 ? "" : "  ").append(LEFT[i] ? values[i] + padding : padding + values[i]);
    }
    return text.toString().stripTrailing() + "\n";
  }
}
