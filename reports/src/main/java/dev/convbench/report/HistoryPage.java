package dev.convbench.report;

import dev.convbench.results.Environment;
import dev.convbench.results.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the history page: per experiment and cell, the trends over commits of final accuracy, time to target and
 * speed relative to the yardstick ({@link TrendChart}); a table of every entry; the yardstick measurements; the
 * machines. One self-contained HTML document with the report's style sheet and script (table sorting and the
 * self-check of sections and charts, which {@code ci/browser-check.sh} reads).
 *
 * <p>Ids, for links and tests: {@code header}, {@code warnings} (only when entries were skipped), {@code contents},
 * then the sections {@code trends} (with {@code experiment-E} per experiment, {@code trend-E-C} per cell and the
 * charts {@code trend-E-C-accuracy}, {@code trend-E-C-time-to-target}, {@code trend-E-C-speed}), {@code entries},
 * {@code yardstick} and {@code machines}; E and C count from 1 in page order.
 */
final class HistoryPage {

  /** The metrics drawn per cell: the chart id's suffix, the chart's title and y label. */
  static final List<String> METRICS = List.of("accuracy", "time-to-target", "speed");

  private static final String EXPECTED_IDS = "var sections = SECTIONS, charts = CHARTS";
  /** The report's style sheet, and three trend charts to a row where the page is wide enough. */
  private static final String CSS = ReportPage.resource("report.css")
      + ".charts.trend { grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); }\n"
      + ".cell-trend h4 { margin: 1.2rem 0 .4rem; }\n";

  private final List<HistoryEntry> entries;
  private final List<String> warnings;
  private final Instant generatedAt;
  private final Map<String, List<HistoryEntry>> byExperiment = new LinkedHashMap<>();
  private final Palette palette;
  private final PageWriter page;
  private final HtmlWriter h;

  private HistoryPage(List<HistoryEntry> entries, List<String> warnings, Instant generatedAt) {
    this.entries = List.copyOf(entries);
    this.warnings = List.copyOf(warnings);
    this.generatedAt = generatedAt;
    for (HistoryEntry e : entries) {
      byExperiment.computeIfAbsent(Objects.toString(e.experiment(), "unnamed"), k -> new ArrayList<>()).add(e);
    }
    this.palette = new Palette(entries.stream().flatMap(e -> e.cells().stream()).map(HistoryEntry.Cell::label)
        .distinct().toList());
    this.page = new PageWriter(palette);
    this.h = page.h;
  }

  /** The complete HTML document of {@code entries}, in history order. */
  static String render(List<HistoryEntry> entries, List<String> warnings, Instant generatedAt) {
    return new HistoryPage(entries, warnings, generatedAt).document();
  }

  private String document() {
    String title = "convbench history: " + String.join(", ", byExperiment.keySet());
    h.trusted("<!DOCTYPE html>\n");
    h.open("html", "lang", "en").trusted("\n").open("head").trusted("\n");
    h.trusted("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.trusted("<meta name=\"generator\" content=\"convbench\">\n");
    h.element("title", title).trusted("\n");
    h.open("style").trusted("\n").trusted(CSS).close("style");
    h.close("head");
    h.open("body").trusted("\n");
    page.anchor("header");
    h.open("header", "id", "header").trusted("\n").element("h1", title).trusted("\n");
    long commits = entries.stream().map(HistoryEntry::commit).distinct().count();
    // Entries are in commit order, which need not be the order they were recorded in.
    List<Instant> recorded = entries.stream().map(e -> Instant.parse(e.recordedAt())).sorted().toList();
    h.element("p", (entries.size() == 1 ? "1 entry" : Formats.count(entries.size()) + " entries") + " of "
        + Formats.counted(commits, "commit") + ", recorded from " + Formats.dateTime(recorded.get(0)) + " to "
        + Formats.dateTime(recorded.get(recorded.size() - 1)) + ".", "class", "meta");
    h.close("header");
    if (!warnings.isEmpty()) {
      page.section("warnings", null, "Skipped entries", "class", "notice");
      h.element("p", "These files could not be read and are left out of the trends:");
      h.open("ul");
      warnings.forEach(w -> h.element("li", w));
      h.close("ul").close("section");
    }
    h.open("nav", "id", "contents", "aria-label", "Contents");
    page.anchor("contents");
    for (String[] s : List.of(new String[] {"trends", "Trends"}, new String[] {"entries", "Entries"},
        new String[] {"yardstick", "Yardstick"}, new String[] {"machines", "Machines"})) {
      h.element("a", s[1], "href", "#" + s[0]);
    }
    h.close("nav");
    page.section("trends", null, "Trends over commits");
    trends();
    h.close("section");
    page.section("entries", null, "Entries");
    entryTable();
    h.close("section");
    page.section("yardstick", null, "Yardstick");
    yardstick();
    h.close("section");
    page.section("machines", null, "Machines");
    machines();
    h.close("section");
    h.open("footer").text("Generated by convbench on " + Formats.dateTime(generatedAt) + ".").close("footer");
    String script = ReportPage.resource("report.js").replace(EXPECTED_IDS, "var sections = "
        + jsArray(page.sections()) + ", charts = " + jsArray(page.charts()));
    h.open("script").trusted("\n").trusted(script).close("script");
    h.close("body").close("html");
    return h.toString();
  }

  private void trends() {
    h.element("p", "One point per history entry, oldest first; the x axis names its commit. The band is the 95 % "
        + "confidence interval of the mean over the cell's runs (none for 1 run). Speed is the cell's training "
        + "images/s divided by the yardstick's images/s measured in the same job, so that entries from different "
        + "machines compare; the yardstick's own spread is not in the band. A missing point: the metric was not "
        + "measured there (no run reached the target, no yardstick).", "class", "note");
    int e = 0;
    for (Map.Entry<String, List<HistoryEntry>> experiment : byExperiment.entrySet()) {
      e++;
      List<HistoryEntry> list = experiment.getValue();
      String experimentId = "experiment-" + e;
      page.anchor(experimentId);
      h.element("h3", "Experiment " + experiment.getKey(), "id", experimentId);
      Set<String> definitions = list.stream().map(HistoryEntry::definition).filter(Objects::nonNull)
          .collect(Collectors.toCollection(LinkedHashSet::new));
      if (definitions.size() > 1) {
        h.element("p", "The experiment's definition changed " + (definitions.size() - 1 == 1 ? "once"
            : (definitions.size() - 1) + " times") + " over these commits: points before and after a change "
            + "trained differently.", "class", "notice");
      }
      List<String> commits = list.stream().map(HistoryPage::commitLabel).toList();
      List<String> labels = list.stream().flatMap(x -> x.cells().stream()).map(HistoryEntry.Cell::label).distinct()
          .toList();
      int c = 0;
      for (String label : labels) {
        c++;
        String id = "trend-" + e + "-" + c;
        page.anchor(id);
        h.open("div", "id", id, "class", "cell-trend");
        h.open("h4");
        page.chip(label);
        h.text(label).close("h4");
        List<HistoryEntry.Cell> cells = list.stream().map(x -> cell(x, label)).toList();
        h.open("div", "class", "charts trend");
        figure(id + "-accuracy", "Final test accuracy", "Final test accuracy", commits,
            cells, HistoryEntry.Cell::finalAccuracy, TrendChart.Kind.ACCURACY, label, "No completed run",
            "Mean final test accuracy of " + label + " at each commit, with its 95 % confidence interval.");
        figure(id + "-time-to-target", "Time to target", "Training seconds to the target", commits, cells,
            HistoryEntry.Cell::secondsToTarget, TrendChart.Kind.POSITIVE, label, "Target not reached at any commit",
            "Mean training time until " + label + " reached its target accuracy"
                + targetText(cells) + ", over the runs that reached it.");
        figure(id + "-speed", "Speed relative to the yardstick", "Images/s ÷ yardstick images/s", commits, cells,
            HistoryEntry.Cell::relativeThroughput, TrendChart.Kind.POSITIVE, label, "No yardstick measured",
            "Training throughput of " + label + " divided by the yardstick's throughput in the same job"
                + " (higher is faster).");
        h.close("div").close("div");
      }
    }
  }

  private static String targetText(List<HistoryEntry.Cell> cells) {
    Set<Double> targets = cells.stream().filter(Objects::nonNull).map(HistoryEntry.Cell::targetAccuracy)
        .filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
    return targets.isEmpty() ? " (none set)" : targets.stream().map(Formats::targetPercent)
        .collect(Collectors.joining(", ", " (", ")"));
  }

  private void figure(String id, String title, String yLabel, List<String> commits, List<HistoryEntry.Cell> cells,
      Function<HistoryEntry.Cell, HistoryEntry.Metric> metric, TrendChart.Kind kind, String label, String noData,
      String caption) {
    List<HistoryEntry.Metric> values = cells.stream().map(c -> c == null ? null : metric.apply(c)).toList();
    page.figure(id, svgId -> TrendChart.render(svgId, title, yLabel, commits, values, kind, palette.colour(label),
        noData), caption);
  }

  private static HistoryEntry.Cell cell(HistoryEntry entry, String label) {
    return entry.cells().stream().filter(c -> label.equals(c.label())).findFirst().orElse(null);
  }

  /** The x-axis label of an entry: its short commit, and its label when it has one. */
  static String commitLabel(HistoryEntry e) {
    return e.label() == null || e.label().isBlank() ? e.shortCommit() : e.shortCommit() + " " + e.label();
  }

  private void entryTable() {
    h.element("p", "One row per entry and cell, oldest first. ± is the standard deviation over the runs.", "class",
        "note");
    h.open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr");
    for (String column : List.of("Commit", "Branch", "Committed", "Recorded", "Experiment", "Cell", "Runs",
        "Final test accuracy", "Epochs to target", "Time to target", "Images/s", "Step time", "Speed vs yardstick")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (HistoryEntry e : entries) {
      for (HistoryEntry.Cell c : e.cells()) {
        h.open("tr");
        h.open("td", "class", "label", "data-sort", e.commit()).element("code", e.shortCommit(), "title",
            e.commit());
        if (e.label() != null) {
          h.text(" ").element("span", e.label(), "class", "n");
        }
        h.close("td");
        h.element("td", Objects.toString(e.branch(), Formats.MISSING));
        h.element("td", Formats.dateTime(e.commitTime()));
        h.element("td", Formats.dateTime(e.recordedAt()));
        h.element("td", Objects.toString(e.experiment(), Formats.MISSING));
        h.open("td", "class", "label");
        page.chip(c.label());
        h.text(c.label()).close("td");
        h.element("td", Formats.counted(c.completedRuns(), "run"), "class", "num");
        metricCell(c.finalAccuracy(), v -> String.format(Locale.ROOT, "%.2f %%", v * 100));
        metricCell(c.epochsToTarget(), v -> Formats.significant(v, 3));
        metricCell(c.secondsToTarget(), v -> String.format(Locale.ROOT, "%.1f s", v));
        metricCell(c.imagesPerSecond(), v -> Formats.throughput(v));
        metricCell(c.stepSeconds(), v -> String.format(Locale.ROOT, "%.1f ms", v * 1000));
        metricCell(c.relativeThroughput(), Formats::ratio);
        h.close("tr");
      }
    }
    h.close("tbody").close("table").close("div");
  }

  /** A metric's table cell: score ± std, n, and the 95 % interval below when there is one. */
  private void metricCell(HistoryEntry.Metric m, DoubleFunction<String> format) {
    if (m == null || m.score() == null) {
      h.element("td", Formats.MISSING, "class", "num", "data-sort", "");
      return;
    }
    h.open("td", "class", "num", "data-sort", Formats.sortKey(m.score()));
    h.text(format.apply(m.score()) + (m.std() == null ? "" : " ± " + format.apply(m.std()))).text(" ")
        .element("span", "n=" + m.n(), "class", "n");
    if (m.interval().size() == 2) {
      h.element("span", "95 % CI " + format.apply(m.interval().get(0)) + " – " + format.apply(m.interval().get(1)),
          "class", "ci");
    }
    h.close("td");
  }

  private void yardstick() {
    h.element("p", "A fixed `convbench bench` measurement (one architecture, batch and number of steps on random "
        + "images) taken in the same job as the experiment: the reference the cells' speed is divided by.", "class",
        "note");
    h.open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr");
    for (String column : List.of("Commit", "Architecture", "Batch", "Timed steps", "Precision", "Device", "Threads",
        "Median step", "IQR", "Images/s")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (HistoryEntry e : entries) {
      HistoryEntry.Yardstick y = e.yardstick();
      h.open("tr").open("td", "class", "label").element("code", e.shortCommit()).close("td");
      if (y == null) {
        h.element("td", "none measured");
        for (int i = 0; i < 8; i++) {
          h.element("td", Formats.MISSING);
        }
        h.close("tr");
        continue;
      }
      h.element("td", y.architecture());
      h.element("td", Objects.toString(y.batchSize(), Formats.MISSING), "class", "num");
      h.element("td", Objects.toString(y.timedSteps(), Formats.MISSING), "class", "num");
      h.element("td", Objects.toString(y.precision(), Formats.MISSING));
      h.element("td", Objects.toString(y.device(), Formats.MISSING));
      h.element("td", Objects.toString(y.threads(), Formats.MISSING));
      h.element("td", ms(y.medianStepMs()), "class", "num", "data-sort", Formats.sortKey(y.medianStepMs()));
      h.element("td", y.p25StepMs() == null || y.p75StepMs() == null ? Formats.MISSING
          : ms(y.p25StepMs()) + " – " + ms(y.p75StepMs()), "class", "num");
      h.element("td", Formats.throughput(y.imagesPerSecond()), "class", "num", "data-sort",
          Formats.sortKey(y.imagesPerSecond()));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }

  private static String ms(Double value) {
    return value == null ? Formats.MISSING : String.format(Locale.ROOT, "%.1f ms", value);
  }

  private void machines() {
    Map<String, List<String>> commitsByMachine = new LinkedHashMap<>();
    for (HistoryEntry e : entries) {
      List<String> described = e.machines().isEmpty() ? List.of("not recorded")
          : e.machines().stream().map(HistoryPage::machine).toList();
      for (String m : described) {
        List<String> commits = commitsByMachine.computeIfAbsent(m, k -> new ArrayList<>());
        if (!commits.contains(e.shortCommit())) {
          commits.add(e.shortCommit());
        }
      }
    }
    h.element("p", "Speed in images/s is only comparable between entries of one machine; the speed relative to the "
        + "yardstick is meant to compare across them.", "class", "note");
    h.open("table").open("thead").open("tr").element("th", "Machine").element("th", "Commits").close("tr")
        .close("thead").open("tbody");
    commitsByMachine.forEach((machine, commits) -> h.open("tr").element("td", machine)
        .element("td", String.join(", ", commits)).close("tr"));
    h.close("tbody").close("table");
  }

  /** A machine in one line: CPU and cores, device, operating system, TensorFlow, JVM. */
  static String machine(Environment m) {
    List<String> parts = new ArrayList<>();
    parts.add(Objects.toString(m.cpuModel(), "unknown CPU") + " × " + m.availableProcessors());
    if (m.gpuModel() != null) {
      parts.add(m.gpuModel());
    }
    parts.add("device " + Objects.toString(m.device(), "unknown"));
    parts.add(Objects.toString(m.os(), "unknown OS"));
    parts.add("TensorFlow " + Objects.toString(m.tensorflowVersion(), "unknown"));
    parts.add(Objects.toString(m.jvm(), "unknown JVM"));
    return String.join(", ", parts);
  }

  private static String jsArray(List<String> ids) {
    for (String id : ids) {
      if (!id.matches("[A-Za-z0-9-]+")) {
        throw new IllegalStateException("unexpected id " + id);
      }
    }
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "[", "]"));
  }
}
