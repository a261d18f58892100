package dev.convbench.cli;

import dev.convbench.results.Counted;
import dev.convbench.analysis.CellComparison;
import dev.convbench.analysis.SummaryComparison;
import dev.convbench.analysis.ComparisonFormats;
import dev.convbench.analysis.Gate;
import dev.convbench.analysis.GatedComparison;
import dev.convbench.analysis.MetricComparison;
import dev.convbench.results.Environment;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code compare}'s GitHub-flavoured Markdown, for a job summary ({@code $GITHUB_STEP_SUMMARY}) and a pull-request
 * comment: a headline table of the gated metrics and verdicts, one row per cell, then each cell's metrics in a
 * {@code <details>} block. GitHub refuses comments over 65,536 characters, so the details stop at
 * {@link #DETAILS_BUDGET} (cells with a failed gate or a worse metric first) and say how many were left out.
 */
final class ComparisonMarkdown {

  /** Characters the whole document may reach before further cells' details are left out. */
  static final int DETAILS_BUDGET = 50_000;

  private ComparisonMarkdown() {}

  static String render(GatedComparison gated) {
    SummaryComparison c = gated.comparison();
    StringBuilder md = new StringBuilder();
    md.append("## convbench compare: ").append(switch (gated.verdict()) {
      case "failed" -> "❌ gate failed";
      case "passed" -> "✅ gates passed";
      default -> "no gates";
    }).append("\n\n");
    md.append("- **Base:** ").append(side(gated.baseName(), gated.baseSource(), c.base())).append('\n');
    md.append("- **New:** ").append(side(gated.newName(), gated.newSource(), c.candidate())).append('\n');
    notes(c).forEach(note -> md.append("- ").append(note).append('\n'));
    md.append('\n');
    if (!gated.gates().isEmpty()) {
      md.append("**Gates:** ").append(gates(gated)).append("\n\n");
    }
    List<String> headline = headlineMetrics(gated);
    md.append("| cell | ").append(headline.stream().map(SummaryComparison::displayName).collect(Collectors.joining(" | ")))
        .append(" | verdict |\n|---|").append("---|".repeat(headline.size())).append("---|\n");
    for (CellComparison cell : c.cells()) {
      md.append("| ").append(escape(cell.label())).append(" | ");
      for (String metric : headline) {
        md.append(cell.metric(metric).map(ComparisonMarkdown::headlineValue).orElse("not measured")).append(" | ");
      }
      md.append(cellVerdict(gated, cell)).append(" |\n");
    }
    md.append('\n');
    if (!c.onlyInBase().isEmpty()) {
      md.append("Only in base, not compared: ").append(labels(c.onlyInBase())).append(".\n\n");
    }
    if (!c.onlyInNew().isEmpty()) {
      md.append("Only in new, not compared: ").append(labels(c.onlyInNew())).append(".\n\n");
    }
    md.append(explanation(gated)).append("\n\n");
    details(gated, md);
    return md.toString();
  }

  private static void details(GatedComparison gated, StringBuilder md) {
    List<CellComparison> ordered = new ArrayList<>(gated.comparison().cells());
    ordered.sort(Comparator.comparingInt(cell -> priority(gated, cell)));
    int left = 0;
    for (CellComparison cell : ordered) {
      String block = detail(cell);
      if (md.length() + block.length() > DETAILS_BUDGET) {
        left++;
        continue;
      }
      md.append(block);
    }
    if (left > 0) {
      md.append("Details of ").append(Counted.of(left, "more cell"))
          .append(" are left out to fit a comment; `comparison.json` (`--out`) holds them all.\n");
    }
  }

  /** Failed gates first, then worse metrics, then untested ones, then the rest: what a reader looks for. */
  private static int priority(GatedComparison gated, CellComparison cell) {
    if (gated.checks().stream().anyMatch(ch -> ch.label().equals(cell.label())
        && ch.outcome() == Gate.Outcome.FAILED)) {
      return 0;
    }
    if (cell.metrics().stream().anyMatch(m -> m.verdict() == MetricComparison.Verdict.WORSE)) {
      return 1;
    }
    return cell.metrics().stream().anyMatch(m -> m.verdict() == MetricComparison.Verdict.BETTER) ? 2 : 3;
  }

  private static String detail(CellComparison cell) {
    StringBuilder md = new StringBuilder();
    md.append("<details><summary><b>").append(escape(cell.label())).append("</b>: ").append(cellSummary(cell))
        .append("</summary>\n\n| metric | base | new | change | 95 % CI | p | g | verdict |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (MetricComparison m : cell.metrics()) {
      md.append("| ").append(SummaryComparison.displayName(m.metric())).append(" | ")
          .append(ComparisonFormats.mean(m, m.base())).append(" (").append(ComparisonFormats.n(m.base()))
          .append(") | ").append(ComparisonFormats.mean(m, m.candidate())).append(" (")
          .append(ComparisonFormats.n(m.candidate())).append(") | ").append(ComparisonFormats.change(m))
          .append(" | ").append(ComparisonFormats.interval(m)).append(" | ").append(ComparisonFormats.p(m))
          .append(" | ").append(ComparisonFormats.hedgesG(m)).append(" | ").append(m.verdictText()).append(" |\n");
    }
    return md.append("\n</details>\n\n").toString();
  }

  /** {@code 1 worse, 4 no significant change}. */
  private static String cellSummary(CellComparison cell) {
    return cell.metrics().stream().collect(Collectors.groupingBy(MetricComparison::verdict,
        () -> new java.util.EnumMap<>(MetricComparison.Verdict.class), Collectors.counting())).entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().text()).collect(Collectors.joining(", "));
  }

  /** The gated metrics, or final accuracy and step time when nothing is gated. */
  private static List<String> headlineMetrics(GatedComparison gated) {
    Set<String> metrics = new LinkedHashSet<>();
    gated.gates().forEach(g -> metrics.add(g.kind().metric()));
    if (metrics.isEmpty()) {
      metrics.add(MetricResult.FINAL_ACCURACY);
      metrics.add(MetricResult.STEP_SECONDS);
    }
    return List.copyOf(metrics);
  }

  /** {@code 61.25 % → 59.10 %, -2.15 pp, worse}. */
  private static String headlineValue(MetricComparison m) {
    String means = ComparisonFormats.mean(m, m.base()) + " → " + ComparisonFormats.mean(m, m.candidate());
    return m.verdict() == MetricComparison.Verdict.MISSING ? means + ", " + m.reason()
        : means + ", " + ComparisonFormats.change(m) + ", " + (m.verdict() == MetricComparison.Verdict.WORSE
            ? "**worse**" : m.verdictText());
  }

  private static String cellVerdict(GatedComparison gated, CellComparison cell) {
    List<Gate.Check> checks = gated.checks().stream().filter(ch -> ch.label().equals(cell.label())).toList();
    if (checks.isEmpty()) {
      List<String> changed = cell.metrics().stream().filter(m -> m.verdict() == MetricComparison.Verdict.WORSE
          || m.verdict() == MetricComparison.Verdict.BETTER)
          .map(m -> m.verdict().text() + ": " + SummaryComparison.displayName(m.metric())).toList();
      return changed.isEmpty() ? "no significant change" : String.join("; ", changed);
    }
    List<String> failed = checks.stream().filter(ch -> ch.outcome() == Gate.Outcome.FAILED)
        .map(ch -> "`" + ch.gate() + "` (" + escape(ch.reason()) + ")").toList();
    if (!failed.isEmpty()) {
      return "❌ " + String.join("; ", failed);
    }
    List<String> untested = checks.stream().filter(ch -> ch.outcome() == Gate.Outcome.UNTESTED)
        .map(ch -> "`" + ch.gate() + "` untested (" + escape(ch.reason()) + ")").toList();
    return untested.isEmpty() ? "✅ passed" : "⚠️ " + String.join("; ", untested);
  }

  private static String gates(GatedComparison gated) {
    List<String> parts = new ArrayList<>();
    int cells = gated.comparison().cells().size();
    for (Gate gate : gated.gates()) {
      List<Gate.Check> checks = gated.checks().stream().filter(ch -> ch.gate().equals(gate)).toList();
      List<String> failed = checks.stream().filter(ch -> ch.outcome() == Gate.Outcome.FAILED)
          .map(ch -> escape(ch.label())).toList();
      long untested = checks.stream().filter(ch -> ch.outcome() == Gate.Outcome.UNTESTED).count();
      parts.add("`" + gate + "` " + (failed.isEmpty() ? "passed" : "**failed** on " + failed.size() + " of "
          + Counted.of(cells, "cell") + " (" + String.join(", ", failed) + ")")
          + (untested == 0 ? "" : ", untested on " + Counted.of(untested, "cell")));
    }
    return String.join("; ", parts) + "." + (gated.allowUnderpowered()
        ? " Gated metrics that could not be tested are reported, not failed (`--allow-underpowered`)." : "");
  }

  private static String explanation(GatedComparison gated) {
    return "*How to read this:* each metric is compared with Welch's two-sided t-test over the seeds of a cell; a "
        + "change is **significant** when p < 0.05 " + gated.comparison().adjustmentPhrase() + ". Accuracy changes are new − base in "
        + "percentage points (pp); time and epoch changes are the ratio of geometric means (tested on the logs): "
        + "+10 % is 10 % slower. g is Hedges' g. \"cannot test\" means fewer than 2 runs on a side, or no spread "
        + "over seeds." + (gated.gates().isEmpty() ? "" : " A gate fails when the change reaches its size and is "
            + "significant, when a gated metric cannot be tested (unless `--allow-underpowered`), or when the new "
            + "results lack it.");
  }

  private static List<String> notes(SummaryComparison c) {
    List<String> notes = new ArrayList<>();
    String a = c.base().definition();
    String b = c.candidate().definition();
    if (a != null && b != null) {
      notes.add(a.equals(b) ? "Same experiment definition on both sides."
          : "The experiment definitions differ: settings changed between base and new.");
    }
    Set<String> baseMachines = machines(c.base());
    Set<String> newMachines = machines(c.candidate());
    if (!baseMachines.isEmpty() && !newMachines.isEmpty() && !baseMachines.equals(newMachines)) {
      notes.add("⚠️ Base and new ran on different machines or software: their times are not comparable.");
    }
    return notes;
  }

  private static String side(String name, String source, ExperimentSummary summary) {
    int runs = summary.cells().stream().mapToInt(cell -> cell.runs().size()).sum();
    Set<String> machines = machines(summary);
    return escape(name) + (name.equals(summary.experiment()) ? "" : " (experiment " + escape(summary.experiment())
        + ")") + ": " + Counted.of(summary.cells().size(), "cell") + ", "
        + Counted.of(runs, "run") + (machines.isEmpty() ? "" : ", on " + escape(String.join("; ",
            machines))) + " (`" + source + "`)";
  }

  /** Each machine as {@code Intel(R) Xeon(R) Processor, 2 CPUs, CPU, TensorFlow 2.16.2}. */
  static Set<String> machines(ExperimentSummary summary) {
    Set<String> machines = new LinkedHashSet<>();
    for (Environment e : summary.machines()) {
      machines.add(java.util.stream.Stream.of(e.cpuModel(), e.availableProcessors() + " CPUs",
          e.gpuModel() != null ? e.gpuModel() : e.device(), "TensorFlow " + e.tensorflowVersion())
          .filter(Objects::nonNull).collect(Collectors.joining(", ")));
    }
    return machines;
  }

  private static String labels(List<String> labels) {
    return labels.stream().map(ComparisonMarkdown::escape).collect(Collectors.joining(", "));
  }

  /** Text safe in a table cell: no column break, no HTML. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
        .replace("\n", " ");
  }
}
