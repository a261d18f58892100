package dev.convbench.report;

import dev.convbench.experiment.RunSpec;
import dev.convbench.results.ExperimentResults;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunStatus;
import dev.convbench.training.TrainingConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the report page from a {@link ReportModel}. Only formatting happens here; all user-supplied text goes
 * through {@link HtmlWriter}, which escapes it.
 *
 * <p>Sections carry stable ids for links and tests, in page order: {@code header}, {@code partial-data} (only when
 * a run used a partial data set), {@code warnings} (only when reading met problems), {@code contents},
 * {@code summary}, {@code findings}, {@code baseline}, {@code charts} (headed {@code convergence}),
 * {@code gradient-flow}, {@code generalization}, {@code cost}, {@code architectures} (with {@code arch-1},
 * {@code arch-2}, … per cell), {@code runs} (with {@code cell-1}, {@code cell-2}, … per cell), {@code experiment},
 * {@code environment}. Every section is written whatever the data; one without data says what is missing.
 *
 * <p>The page's one script sorts tables and then checks the page: every section and every chart's {@code <svg>} is
 * present, and it sets {@code data-ok="true"} on {@code <body>} (else {@code "false"} and {@code data-missing}).
 * {@code ci/browser-check.sh} reads that attribute from the DOM a real browser rendered.
 */
final class ReportPage {

  private static final String CSS = """
      :root { color-scheme: light; }
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222;
        max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
      h1 { margin: 0 0 .3rem; font-size: 1.8rem; }
      h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
      h3 { margin-top: 1.6rem; }
      .meta { color: #555; margin: .2rem 0; }
      .badge { display: inline-block; padding: .1rem .55rem; margin: .15rem .3rem .15rem 0; border-radius: 1rem;
        background: #eee; font-size: .9rem; }
      .status-completed { background: #e3f4e1; } .status-diverged { background: #fdf0d5; }
      .status-failed { background: #fbe0e0; } .status-running { background: #e2ecf8; }
      .status-interrupted { background: #fdf0d5; }
      .alert { border: 2px solid #c62828; background: #fdecea; padding: .8rem 1rem; border-radius: .4rem;
        margin: 1rem 0; }
      .alert h2 { margin: 0 0 .4rem; border: 0; color: #b71c1c; font-size: 1.2rem; }
      .notice { border: 1px solid #e0b000; background: #fff8e1; padding: .6rem 1rem; border-radius: .4rem; }
      table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
      th, td { border-bottom: 1px solid #e4e4e4; padding: .35rem .6rem; text-align: left; vertical-align: top; }
      th { background: #f6f6f6; }
      td.label { white-space: nowrap; }
      .scroll { overflow-x: auto; max-width: 100%; }
      td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
      table.sortable th { cursor: pointer; }
      table.sortable th[aria-sort=ascending]::after { content: " \\25B2"; font-size: .7em; }
      table.sortable th[aria-sort=descending]::after { content: " \\25BC"; font-size: .7em; }
      .n { color: #777; font-size: .85em; }
      .chip { display: inline-block; width: .8em; height: .8em; border-radius: .2em; margin-right: .4em;
        vertical-align: baseline; }
      .note { color: #555; font-size: .88rem; }
      .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem; }
      figure { margin: 0; }
      figure svg { width: 100%; height: auto; display: block; }
      figcaption { color: #555; font-size: .88rem; }
      pre { background: #f7f7f7; border: 1px solid #e4e4e4; padding: .8rem; overflow-x: auto; font-size: .85rem; }
      details pre { max-height: 24rem; }
      .config { font-size: .9rem; color: #444; }
      footer { margin-top: 3rem; color: #888; font-size: .85rem; }
      nav#contents { font-size: .9rem; margin: 1rem 0; }
      nav#contents a { margin-right: .8rem; white-space: nowrap; }
      .ci { display: block; color: #666; font-size: .8em; }
      .scale-linear { display: none; }
      #loss-linear:checked ~ .charts .scale-linear { display: block; }
      #loss-linear:checked ~ .charts .scale-log { display: none; }
      .toggle-label { font-size: .9rem; margin-left: .3rem; cursor: pointer; }
      .findings li { margin: .35rem 0; }
      .topic { display: inline-block; min-width: 7.5rem; color: #555; font-size: .85rem; }
      .arch { border-top: 1px solid #eee; margin-top: 1rem; }
      table.settings th { background: none; font-weight: 600; }
      table.structure { font-size: .82rem; }
      .scroll { overflow-x: auto; }
      table.confusion td, table.confusion th { padding: .25rem .4rem; text-align: right; }
      table.confusion td.diag { font-weight: 700; outline: 1px solid #999; outline-offset: -1px; }
      details summary { cursor: pointer; color: #333; }
      @media print {
        .charts { display: block; } figure { break-inside: avoid; } nav#contents, .toggle-label, #loss-linear { display: none; }
        details > *:not(summary) { display: block; } section { break-before: auto; } h2, h3 { break-after: avoid; }
        body { max-width: none; padding: 0; } .scroll { overflow: visible; } table { font-size: .8rem; }
      }
      """;

  /**
   * Click a header of a {@code table.sortable} to sort by it (again to reverse). A cell sorts by its
   * {@code data-sort} attribute when present, else by its text; numbers before text, empty cells always last.
   */
  private static final String SORT_SCRIPT = """
      (function () {
        function key(cell) {
          var v = cell.getAttribute('data-sort');
          if (v === null) { v = cell.textContent.trim(); }
          if (v === '') { return null; }
          var n = Number(v);
          return isNaN(n) ? v.toLowerCase() : n;
        }
        function compare(a, b) {
          if (a === b) { return 0; }
          if (a === null) { return 1; }
          if (b === null) { return -1; }
          if (typeof a !== typeof b) { return typeof a === 'number' ? -1 : 1; }
          return a < b ? -1 : 1;
        }
        document.querySelectorAll('table.sortable').forEach(function (table) {
          var headers = table.tHead.rows[0].cells;
          Array.prototype.forEach.call(headers, function (th, column) {
            th.addEventListener('click', function () {
              var ascending = th.getAttribute('aria-sort') !== 'ascending';
              Array.prototype.forEach.call(headers, function (h) { h.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (r, s) {
                var x = key(r.cells[column]), y = key(s.cells[column]);
                if (x === null || y === null) { return compare(x, y); }
                return ascending ? compare(x, y) : compare(y, x);
              });
              rows.forEach(function (r) { body.appendChild(r); });
            });
          });
        });
      })();
      """;

  /**
   * Checks, once the page is loaded, that every section and chart the renderer wrote is in the DOM (each chart an
   * {@code <svg>} with content), and records the result on {@code <body>}: {@code data-ok="true"}, or
   * {@code "false"} with {@code data-missing}, also logged as a console error. {@code SECTIONS} and {@code CHARTS}
   * are replaced by the ids written.
   */
  private static final String CHECK_SCRIPT = """
      (function () {
        var sections = SECTIONS, charts = CHARTS, missing = [];
        sections.forEach(function (id) { if (!document.getElementById(id)) { missing.push('section ' + id); } });
        charts.forEach(function (id) {
          var e = document.getElementById(id);
          if (!e || e.tagName.toLowerCase() !== 'svg' || !e.firstElementChild) { missing.push('chart ' + id); }
        });
        document.body.setAttribute('data-sections', String(sections.length));
        document.body.setAttribute('data-charts', String(charts.length));
        if (missing.length) {
          document.body.setAttribute('data-ok', 'false');
          document.body.setAttribute('data-missing', missing.join(', '));
          console.error('convbench report check failed, missing: ' + missing.join(', '));
        } else {
          document.body.setAttribute('data-ok', 'true');
        }
      })();
      """;

  private final ReportModel model;
  private final List<ConvergenceCharts.Rendered> charts;
  private final PageWriter page;
  private final HtmlWriter h;

  private ReportPage(ReportModel model, List<ConvergenceCharts.Rendered> charts) {
    this.model = model;
    this.charts = charts;
    this.page = new PageWriter(model);
    this.h = page.h;
  }

  /** The complete HTML document. */
  static String render(ReportModel model, List<ConvergenceCharts.Rendered> charts) {
    return new ReportPage(model, charts).document();
  }

  private String document() {
    h.trusted("<!DOCTYPE html>\n");
    h.open("html", "lang", "en").trusted("\n").open("head").trusted("\n");
    h.trusted("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.trusted("<meta name=\"generator\" content=\"convbench\">\n");
    h.element("title", "convbench report: " + model.title()).trusted("\n");
    h.open("style").trusted("\n").trusted(CSS).close("style");
    h.close("head");
    h.open("body").trusted("\n");
    header();
    partialData();
    warnings();
    contents();
    summary();
    findings();
    baseline();
    charts();
    DiagnosticSections.gradientFlow(page);
    DiagnosticSections.generalization(page);
    CostSection.write(page);
    ArchitectureSection.write(page);
    runs();
    experiment();
    environment();
    h.open("footer").text("Generated by convbench on " + Formats.dateTime(model.generatedAt()) + " from "
        + model.experiments().stream().map(e -> e.directory().toString()).collect(Collectors.joining(", ")) + ".")
        .close("footer");
    String check = CHECK_SCRIPT.replace("SECTIONS", jsArray(page.sections())).replace("CHARTS",
        jsArray(page.charts()));
    h.open("script").trusted("\n").trusted(SORT_SCRIPT).trusted(check).close("script");
    h.close("body");
    h.close("html");
    return h.toString();
  }

  /** A JavaScript array of ids; ids are made by this module from fixed words and numbers, checked here. */
  private static String jsArray(List<String> ids) {
    for (String id : ids) {
      if (!id.matches("[A-Za-z0-9-]+")) {
        throw new IllegalStateException("unexpected id " + id);
      }
    }
    return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  private static final List<String[]> CONTENTS = List.of(new String[] {"summary", "Summary"},
      new String[] {"findings", "Findings"}, new String[] {"baseline", "Against the baseline"},
      new String[] {"convergence", "Convergence"}, new String[] {"gradient-flow", "Gradient flow"},
      new String[] {"generalization", "Generalization gap"}, new String[] {"cost", "Accuracy against cost"},
      new String[] {"architectures", "Per architecture"}, new String[] {"runs", "Runs"},
      new String[] {"experiment", "Experiment"}, new String[] {"environment", "Environment"});

  private void contents() {
    h.open("nav", "id", "contents", "aria-label", "Contents");
    page.expectSection("contents");
    for (String[] entry : CONTENTS) {
      h.element("a", entry[1], "href", "#" + entry[0]);
    }
    h.close("nav");
  }

  private void findings() {
    page.section("findings", "Findings");
    h.element("p", "Generated from the measured numbers only; each links to the chart or table it comes from. A "
        + "difference between two cells is called only when Welch's t-test over their seeds (two-sided, unequal "
        + "variances) gives p < 0.05; with one run on either side no difference is claimed (n=1).", "class", "note");
    h.open("ul", "class", "findings");
    for (Findings.Finding f : Findings.of(model)) {
      h.open("li").element("span", f.topic(), "class", "topic").text(f.text() + " ");
      h.element("a", "→ " + f.linkText(), "href", f.href()).close("li");
    }
    h.close("ul").close("section");
  }

  private void baseline() {
    page.section("baseline", "Against the baseline");
    Optional<CellSummary> found = model.baseline();
    if (found.isEmpty()) {
      String named = model.experiments().stream().map(ExperimentResults::manifest).filter(java.util.Objects::nonNull)
          .map(dev.convbench.results.ExperimentManifest::baseline).filter(java.util.Objects::nonNull).findFirst()
          .orElse(null);
      h.element("p", named == null
          ? "No baseline set: add report: {baseline: LABEL} to the experiment file to compare every cell with one."
          : "The baseline " + named + " has no runs in these results.", "class", "notice");
      h.close("section");
      return;
    }
    CellSummary base = found.get();
    h.open("p").text("Every cell against ");
    page.chip(base.label());
    h.element("strong", base.label()).text(": final test accuracy " + Formats.percentStats(base.finalAccuracy())
        + ", training time " + Formats.durationStats(base.trainingSeconds()) + ", "
        + base.parameters().stream().map(Formats::count).collect(Collectors.joining(", ")) + " parameters, "
        + (base.flops().isPresent() ? Formats.flops(base.flops().getAsLong()) : "FLOPs not recorded") + ".")
        .close("p");
    h.open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr");
    for (String column : List.of("Cell", "Δ final test accuracy", "Welch's t-test (final accuracy)",
        "Δ best test accuracy", "Training time vs baseline", "Parameters vs baseline", "FLOPs vs baseline",
        "Images/s vs baseline")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (CellSummary cell : model.cells()) {
      if (cell == base) {
        continue;
      }
      h.open("tr");
      labelCell(cell);
      boolean both = !cell.finalAccuracy().isEmpty() && !base.finalAccuracy().isEmpty();
      double delta = both ? cell.finalAccuracy().mean() - base.finalAccuracy().mean() : Double.NaN;
      h.element("td", both ? Formats.percentagePoints(delta) : Formats.MISSING, "class", "num", "data-sort",
          both ? Double.toString(delta) : "");
      h.element("td", both ? Welch.test(cell.finalAccuracy(), base.finalAccuracy()).describe() : Formats.MISSING);
      boolean best = !cell.bestAccuracy().isEmpty() && !base.bestAccuracy().isEmpty();
      double bestDelta = best ? cell.bestAccuracy().mean() - base.bestAccuracy().mean() : Double.NaN;
      h.element("td", best ? Formats.percentagePoints(bestDelta) : Formats.MISSING, "class", "num", "data-sort",
          best ? Double.toString(bestDelta) : "");
      ratioCell(cell.trainingSeconds().isEmpty() || base.trainingSeconds().isEmpty() ? Double.NaN
          : cell.trainingSeconds().mean() / base.trainingSeconds().mean(),
          cell.trainingSeconds().isEmpty() || base.trainingSeconds().isEmpty() ? ""
          : " (" + signedDuration(cell.trainingSeconds().mean() - base.trainingSeconds().mean()) + ")");
      ratioCell(cell.parameterCount().isPresent() && base.parameterCount().isPresent()
          ? (double) cell.parameterCount().getAsLong() / base.parameterCount().getAsLong() : Double.NaN, "");
      ratioCell(cell.flops().isPresent() && base.flops().isPresent()
          ? (double) cell.flops().getAsLong() / base.flops().getAsLong() : Double.NaN, "");
      ratioCell(cell.imagesPerSecond().isEmpty() || base.imagesPerSecond().isEmpty() ? Double.NaN
          : cell.imagesPerSecond().mean() / base.imagesPerSecond().mean(), "");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    h.element("p", "Δ: cell mean minus baseline mean, in percentage points. Ratios: cell ÷ baseline (2× = twice "
        + "the baseline's). Welch's t-test is over the completed runs' final accuracies; a difference is called "
        + "only for p < 0.05, and not at all with one run on either side.", "class", "note");
    h.close("section");
  }

  private void ratioCell(double ratio, String suffix) {
    h.element("td", Double.isFinite(ratio) ? Formats.ratio(ratio) + suffix : Formats.MISSING, "class", "num",
        "data-sort", Double.isFinite(ratio) ? Double.toString(ratio) : "");
  }

  private static String signedDuration(double seconds) {
    return (seconds < 0 ? "−" : "+") + Formats.duration(Math.abs(seconds));
  }

  private void header() {
    page.expectSection("header");
    h.open("header", "id", "header").trusted("\n");
    h.element("h1", model.title()).trusted("\n");
    for (String description : model.descriptions()) {
      h.element("p", description, "class", "description").trusted("\n");
    }
    StringBuilder when = new StringBuilder("Report generated " + Formats.dateTime(model.generatedAt()));
    model.firstStart().ifPresent(start -> when.append(" · runs from ").append(Formats.dateTime(start))
        .append(model.lastEnd().map(end -> " to " + Formats.dateTime(end)).orElse("")));
    h.element("p", when.toString(), "class", "meta").trusted("\n");
    h.open("p", "class", "meta");
    h.text(model.runs().size() + " runs in " + model.cells().size() + " cells: ");
    model.statusCounts().forEach((status, count) ->
        h.element("span", count + " " + status.id(), "class", "badge status-" + status.id()));
    h.close("p");
    model.baseline().ifPresent(b -> h.open("p", "class", "meta").text("Baseline: ").element("strong", b.label())
        .close("p"));
    h.close("header");
  }

  private void partialData() {
    List<ReportModel.PartialData> partial = model.partialData();
    if (partial.isEmpty()) {
      return;
    }
    page.section("partial-data", "⚠ Partial data set: these results are not comparable with full CIFAR-10 results",
        "class", "alert", "role", "alert");
    h.element("p", "Some runs read data files holding fewer than the official 10,000 records each (the run was "
        + "started with partial data allowed). Their accuracies come from less data than the benchmark defines.");
    for (ReportModel.PartialData p : partial) {
      h.open("p").text(p.runIds().size() + " run(s) (" + String.join(", ", p.runIds()) + ") saw: ");
      h.element("strong", p.recordsPerFile().entrySet().stream()
          .map(e -> e.getKey() + ": " + Formats.count(e.getValue()) + " records")
          .collect(Collectors.joining("; "))).close("p");
    }
    h.close("section");
  }

  private void warnings() {
    List<String> warnings = model.results().warnings();
    if (warnings.isEmpty()) {
      return;
    }
    page.section("warnings", "Reading warnings", "class", "notice");
    h.element("p", "Parts of the results could not be read and were left out (for instance the last line of a run "
        + "that was killed while writing):");
    h.open("ul");
    warnings.forEach(w -> h.element("li", w));
    h.close("ul").close("section");
  }

  private void summary() {
    page.section("summary", "Summary");
    Optional<CellSummary> baseline = model.baseline();
    h.open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr");
    for (String column : List.of("Cell", "Architecture", "Parameters", "FLOPs / image", "Runs", "Seeds",
        "Final test accuracy",
        "Best test accuracy", "Δ final vs baseline", "Epochs to target", "Time to target", "Training time",
        "Images/s", "Status")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (CellSummary cell : model.cells()) {
      h.open("tr");
      labelCell(cell);
      h.element("td", Formats.join(cell.architectures()));
      h.element("td", cell.parameters().stream().map(Formats::count).collect(Collectors.joining(", ")),
          "class", "num", "data-sort", cell.parameters().isEmpty() ? "" : cell.parameters().iterator().next()
              .toString());
      h.element("td", cell.flopsPerImage().isEmpty() ? Formats.MISSING : cell.flopsPerImage().stream()
          .map(Formats::flops).collect(Collectors.joining(", ")), "class", "num", "data-sort",
          cell.flopsPerImage().isEmpty() ? "" : cell.flopsPerImage().iterator().next().toString());
      h.element("td", Integer.toString(cell.runs().size()), "class", "num");
      h.element("td", Integer.toString(cell.seeds().size()), "class", "num");
      accuracyCell(cell.finalAccuracy());
      accuracyCell(cell.bestAccuracy());
      deltaCell(cell, baseline);
      targetCell(cell, Formats.plainStats(cell.epochsToTarget(), 1), cell.epochsToTarget());
      targetCell(cell, Formats.durationStats(cell.secondsToTarget()), cell.secondsToTarget());
      statsCell(Formats.durationStats(cell.trainingSeconds()), cell.trainingSeconds());
      statsCell(Formats.throughputStats(cell.imagesPerSecond()), cell.imagesPerSecond());
      h.element("td", cell.statusCounts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().id())
          .collect(Collectors.joining(", ")));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    h.element("p", "Accuracies are on the evaluation set after the epoch. Each value is the mean ± sample standard "
        + "deviation over the cell's completed runs, n = number of runs, with the 95 % confidence interval of the "
        + "mean (Student's t, n − 1 degrees of freedom, clipped to 0–100 %; none for n=1). FLOPs per image are "
        + "2 × the multiply-accumulates of one forward pass (— when not recorded). Failed, diverged and unfinished runs are "
        + "counted under Status and listed under Runs. Time to target and training time count the training step's "
        + "session runs only: evaluation, diagnostics sampling, progress and file writes are excluded (the Runs "
        + "table shows that overhead). Epochs and time to target are over the runs that reached the target accuracy "
        + "(k/n reached). Images/s leaves out the first epoch (graph building, warm-up) when there are several. "
        + "Click a column header to sort.", "class", "note");
    h.close("section");
  }

  private void labelCell(CellSummary cell) {
    h.open("td", "data-sort", cell.label(), "class", "label");
    h.open("span", "class", "chip", "style", "background:" + model.palette().css(cell.label())).close("span");
    h.element("a", cell.label(), "href", "#cell-" + (model.cells().indexOf(cell) + 1));
    if (model.baseline().filter(b -> b == cell).isPresent()) {
      h.text(" ").element("span", "baseline", "class", "n");
    }
    h.close("td");
  }

  /** Accuracy mean ± std, n, and the 95 % interval below (none for n=1). */
  private void accuracyCell(SampleStats stats) {
    h.open("td", "class", "num", "data-sort", stats.isEmpty() ? "" : Double.toString(stats.mean()));
    h.text(Formats.percentStats(stats));
    if (!stats.isEmpty()) {
      h.text(" ").element("span", "n=" + stats.n(), "class", "n");
      if (stats.n() > 1) {
        h.element("span", Formats.percentInterval(stats), "class", "ci");
      }
    }
    h.close("td");
  }

  private void statsCell(String text, SampleStats stats) {
    h.open("td", "class", "num", "data-sort", stats.isEmpty() ? "" : Double.toString(stats.mean()));
    h.text(text);
    if (!stats.isEmpty()) {
      h.text(" ").element("span", "n=" + stats.n(), "class", "n");
    }
    h.close("td");
  }

  private void deltaCell(CellSummary cell, Optional<CellSummary> baseline) {
    if (baseline.isEmpty() || baseline.get() == cell || cell.finalAccuracy().isEmpty()
        || baseline.get().finalAccuracy().isEmpty()) {
      h.element("td", Formats.MISSING, "class", "num", "data-sort", "");
      return;
    }
    double delta = cell.finalAccuracy().mean() - baseline.get().finalAccuracy().mean();
    h.element("td", Formats.percentagePoints(delta), "class", "num", "data-sort", Double.toString(delta));
  }

  private void targetCell(CellSummary cell, String text, SampleStats stats) {
    if (cell.target() == null) {
      h.element("td", "no target", "class", "num", "data-sort", "");
      return;
    }
    String reached = " (" + cell.reached() + "/" + cell.completed() + " reached "
        + Formats.percent(cell.target()).replace(" ", "") + ")";
    if (cell.completed() == 0) {
      h.element("td", Formats.MISSING, "class", "num", "data-sort", "");
      return;
    }
    if (cell.reached() == 0) {
      h.open("td", "class", "num", "data-sort", "").text("not reached").element("span", reached, "class", "n")
          .close("td");
      return;
    }
    h.open("td", "class", "num", "data-sort", Double.toString(stats.mean())).text(text)
        .element("span", reached, "class", "n").close("td");
  }

  private void charts() {
    sectionWithHeading("charts", "convergence", "Convergence");
    if (model.runs().stream().allMatch(r -> r.epochs().isEmpty())) {
      h.element("p", "No run has recorded an epoch yet.");
    }
    h.element("p", "Lines are the mean over a cell's completed runs (over its running ones while none has "
        + "completed); the shaded band is ± one sample standard deviation. Diverged and failed runs are not drawn "
        + "(see Runs). Loss axes are logarithmic unless switched to linear below.", "class", "note");
    h.trusted("<input type=\"checkbox\" id=\"loss-linear\">");
    h.element("label", "Linear loss axis (default: logarithmic)", "for", "loss-linear", "class", "toggle-label");
    h.open("div", "class", "charts").trusted("\n");
    for (ConvergenceCharts.Rendered chart : charts) {
      if (chart.linearSvg() == null) {
        page.figure(chart.id(), chart.svg(), chart.caption());
        continue;
      }
      page.expectChart(chart.id());
      page.expectChart(chart.id() + "-linear");
      h.open("figure", "id", "figure-" + chart.id()).trusted("\n");
      h.open("div", "class", "scale-log").trusted(chart.svg()).close("div");
      h.open("div", "class", "scale-linear").trusted(chart.linearSvg()).close("div");
      h.element("figcaption", chart.caption()).close("figure");
    }
    h.close("div").close("section");
  }

  /**
   * A section whose heading carries an id of its own, e.g. section {@code charts} titled Convergence with heading id
   * {@code convergence}: links and checks that name either id find it.
   */
  private void sectionWithHeading(String id, String headingId, String title) {
    page.expectSection(id);
    page.expectSection(headingId);
    h.open("section", "id", id).trusted("\n");
    h.element("h2", title, "id", headingId).trusted("\n");
  }

  private void runs() {
    page.section("runs", "Runs");
    int index = 0;
    for (CellSummary cell : model.cells()) {
      index++;
      page.expectSection("cell-" + index);
      h.open("h3", "id", "cell-" + index);
      h.open("span", "class", "chip", "style", "background:" + model.palette().css(cell.label())).close("span");
      h.text(cell.label()).close("h3");
      configuration(cell);
      h.open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr");
      for (String column : List.of("Run", "Seed", "Status", "Epochs", "Final test accuracy", "Best test accuracy",
          "Reached target at epoch", "Training time", "Outside the step", "Images/s", "Disk use", "Started",
          "Message")) {
        h.element("th", column);
      }
      h.close("tr").close("thead").open("tbody");
      for (RunOutcome o : cell.outcomes()) {
        runRow(o);
      }
      h.close("tbody").close("table").close("div");
    }
    h.close("section");
  }

  private void configuration(CellSummary cell) {
    RunSpec spec = cell.runs().get(0).record().spec();
    if (spec == null) {
      return;
    }
    TrainingConfig t = spec.training();
    StringBuilder text = new StringBuilder("Architecture ").append(spec.architecture());
    if (spec.hyperParameters() != null && !spec.hyperParameters().isEmpty()) {
      text.append(" ").append(mapText(spec.hyperParameters()));
    }
    if (spec.cell() != null && !spec.cell().isEmpty()) {
      text.append(" · cell ").append(mapText(spec.cell()));
    }
    if (t != null) {
      text.append(String.format(Locale.ROOT, " · %d epochs, batch %d, %s lr %s, %s schedule, weight decay %s, %s",
          t.epochs(), t.batchSize(), t.optimizer().type(), t.optimizer().learningRate(), t.schedule().type(),
          t.weightDecay(), t.precision()));
    }
    h.element("p", text.toString(), "class", "config");
  }

  private static String mapText(Map<String, Object> map) {
    return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", ", "(", ")"));
  }

  private void runRow(RunOutcome o) {
    RunRecord r = o.run().record();
    h.open("tr");
    h.element("td", r.runId());
    h.element("td", r.spec() == null ? Formats.MISSING : Long.toString(r.spec().seed()), "class", "num");
    h.element("td", r.status().id(), "class", "status-" + r.status().id());
    h.element("td", Integer.toString(o.epochs()), "class", "num");
    h.element("td", Formats.percent(o.finalAccuracy()), "class", "num", "data-sort",
        Formats.sortKey(o.finalAccuracy()));
    h.element("td", Formats.percent(o.bestAccuracy()), "class", "num", "data-sort",
        Formats.sortKey(o.bestAccuracy()));
    String target = o.target() == null ? "no target"
        : o.reachedTarget() ? o.epochsToTarget() + " (" + Formats.duration(o.secondsToTarget()) + ")"
        : "not reached";
    h.element("td", target, "class", "num", "data-sort",
        o.reachedTarget() ? o.epochsToTarget().toString() : "");
    h.element("td", Formats.duration(o.trainingSeconds()), "class", "num", "data-sort",
        Formats.sortKey(o.trainingSeconds()));
    h.element("td", Formats.duration(o.overheadSeconds()), "class", "num", "data-sort",
        Formats.sortKey(o.overheadSeconds()));
    h.element("td", Formats.throughput(o.imagesPerSecond()), "class", "num", "data-sort",
        Formats.sortKey(o.imagesPerSecond()));
    long disk = o.run().diskBytes();
    h.element("td", Formats.bytes(disk < 0 ? null : disk), "class", "num", "data-sort", Long.toString(disk));
    h.element("td", Formats.dateTime(r.startedAt()));
    h.open("td");
    message(r);
    h.close("td");
    h.close("tr");
  }

  private void message(RunRecord r) {
    if (r.status() == RunStatus.FAILED) {
      h.text(r.errorMessage() == null ? "failed, no message recorded" : r.errorMessage());
      if (r.stackTrace() != null) {
        h.open("details").element("summary", "stack trace").element("pre", r.stackTrace()).close("details");
      }
    } else if (r.status() == RunStatus.DIVERGED) {
      h.text(r.divergedReason() == null ? "diverged" : r.divergedReason());
    } else if (r.status() == RunStatus.INTERRUPTED) {
      h.text("interrupted (" + (r.divergedReason() == null ? "stopped" : r.divergedReason())
          + "); a checkpoint was written, and the next run of the experiment continues it");
    } else if (r.status() == RunStatus.RUNNING) {
      h.text("not finished: still running, or killed");
    }
  }

  private void experiment() {
    page.section("experiment", "Experiment");
    for (ExperimentResults e : model.experiments()) {
      if (model.experiments().size() > 1) {
        h.element("h3", e.name());
      }
      h.open("p", "class", "meta").text("Results directory: ").element("code", e.directory().toString()).close("p");
      if (e.experimentText() == null) {
        h.element("p", "The experiment file was not stored with these results.");
      } else {
        h.element("pre", e.experimentText()).trusted("\n");
      }
    }
    h.close("section");
  }

  private void environment() {
    page.section("environment", "Environment");
    h.open("table").open("tbody");
    model.environment().forEach((field, values) -> {
      h.open("tr").element("th", field).open("td");
      boolean first = true;
      for (Map.Entry<String, Integer> v : values.entrySet()) {
        if (!first) {
          h.trusted("<br>");
        }
        first = false;
        h.text(v.getKey());
        if (values.size() > 1) {
          h.text(" ").element("span", "(" + v.getValue() + " runs)", "class", "n");
        }
      }
      h.close("td").close("tr");
    });
    h.close("tbody").close("table");
    h.close("section");
  }
}
