package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.RunOutcome;
import dev.convbench.analysis.SampleStats;
import dev.convbench.analysis.Comparison;
import dev.convbench.results.RunSpecRecord;
import dev.convbench.results.ExperimentResults;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunResult;
import dev.convbench.results.RunStatus;
import dev.convbench.results.TrainingParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the report page from a {@link ReportModel}. Only formatting happens here; all user-supplied text goes
 * through {@link HtmlWriter}, which escapes it.
 *
 * <p>Parts carry stable ids for links and tests, in page order: {@code header}, {@code partial-data} (only when
 * a run used a partial data set), {@code warnings} (only when reading met problems), {@code contents}, then the
 * {@link #SECTIONS} ({@code architectures} with {@code arch-1}, {@code arch-2}, … per cell, {@code runs} with
 * {@code cell-1}, {@code cell-2}, …). Every section is written whatever the data; one without data says what is
 * missing. The style sheet and script are the resources {@code report.css} and {@code report.js}.
 *
 * <p>The page's one script sorts tables and then checks the page: every section and every chart's {@code <svg>} is
 * present, and it sets {@code data-ok="true"} on {@code <body>} (else {@code "false"} and {@code data-missing}).
 * {@code ci/browser-check.sh} reads that attribute from the DOM a real browser rendered.
 */
// Cells are compared by identity on purpose: the baseline is one of the page's own cell objects.
@SuppressWarnings("ReferenceEquality")
final class ReportPage {

  /** The page's style sheet and script, inlined so that the page stays one self-contained file. */
  private static final String CSS = resource("report.css");
  private static final String SCRIPT = resource("report.js");
  /** Where a list of values in a table cell may break: after its commas. */
  private static final Pattern AFTER_COMMA = Pattern.compile("(?<=,) ");
  /** Where a heading may break: at a space, but not between a number and its unit. */
  private static final Pattern NOT_BEFORE_UNIT = Pattern.compile(" (?!%)");
  /**
   * Where a cell label may wrap besides its spaces: after {@code =}, after a {@code .} before a letter (not inside
   * {@code 0.1}), after a run of {@code _} and after {@code /}, as in {@code optimizer.lr=0.1} or
   * {@code resnet__shortcut=false}.
   */
  static final Pattern LABEL_BREAKS = Pattern.compile("(?<==)|(?<=\\.)(?=\\p{L})|(?<=_)(?=[^_])|(?<=/)");
  /** The script's placeholder for the ids its self-check looks for. */
  private static final String EXPECTED_IDS = "var sections = SECTIONS, charts = CHARTS";

  static {
    if (!SCRIPT.contains(EXPECTED_IDS)) {
      throw new IllegalStateException("report.js lacks the placeholder " + EXPECTED_IDS);
    }
  }

  /**
   * The page's sections in page order, after the header, notices and contents bar. This list alone decides the
   * contents bar, the order of the page and the sections the self-check expects.
   */
  static final List<Section> SECTIONS = List.of(
      new Section("summary", "Summary", ReportPage::summary),
      new Section("findings", "Findings", ReportPage::findings),
      new Section("baseline", "Against the baseline", ReportPage::baseline),
      new Section("variance-sources", "Sources of variance", p -> VarianceSourcesSection.write(p.page)),
      new Section("charts", "convergence", "Convergence", ReportPage::convergence),
      new Section("gradient-flow", "Gradient flow", p -> DiagnosticSections.gradientFlow(p.page)),
      new Section("generalization", "Generalization gap", p -> DiagnosticSections.generalization(p.page)),
      new Section("cost", "Accuracy against cost", p -> CostSection.write(p.page)),
      new Section("architectures", "Per architecture", p -> ArchitectureSection.write(p.page)),
      new Section("runs", "Runs", ReportPage::runs),
      new Section("experiment", "Experiment", ReportPage::experiment),
      new Section("environment", "Environment", ReportPage::environment));

  /**
   * A section of the page.
   *
   * @param id the {@code <section>} element's id
   * @param headingId the id of its {@code <h2>}, or {@code null}: a section whose heading has an id of its own
   *     (links and checks may name either) is linked by the heading's
   * @param title the heading, also the contents bar's link text
   * @param content writes what follows the heading
   */
  record Section(String id, String headingId, String title, Consumer<ReportPage> content) {

    Section(String id, String title, Consumer<ReportPage> content) {
      this(id, null, title, content);
    }

    /** The id the contents bar links to. */
    String target() {
      return headingId == null ? id : headingId;
    }
  }

  private final ReportModel model;
  private final PageWriter page;
  private final HtmlWriter h;
  /** Every test on the page, made before any of it is written: each adjusted p-value depends on all of them. */
  private final PageTests tests;
  /** The link to the experiment's machine-readable summary, {@code null} for none. */
  private final String summaryLink;

  private ReportPage(ReportModel model, String summaryLink) {
    this.model = model;
    this.summaryLink = summaryLink;
    this.page = new PageWriter(model);
    this.h = page.h;
    this.tests = PageTests.of(model);
  }

  /**
   * The complete HTML document.
   *
   * @param summaryLink the link to the experiment's {@code results.json}, relative to the page; {@code null} for none
   */
  static String render(ReportModel model, String summaryLink) {
    return new ReportPage(model, summaryLink).document();
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
    for (Section section : SECTIONS) {
      page.section(section.id(), section.headingId(), section.title());
      section.content().accept(this);
      h.close("section");
    }
    h.open("footer", "id", "footer").text("Generated by convbench on " + Formats.dateTime(model.generatedAt())
        + " from " + model.experiments().stream().map(e -> e.directory().toString())
        .collect(Collectors.joining(", ")) + ".");
    if (summaryLink != null) {
      h.text(" Every cell's metrics over seeds, machine-readable: ")
          .element("a", "results.json", "href", summaryLink, "type", "application/json").text(".");
    }
    h.close("footer");
    String script = SCRIPT.replace(EXPECTED_IDS, "var sections = " + jsArray(page.sections()) + ", charts = "
        + jsArray(page.charts()));
    h.open("script").trusted("\n").trusted(script).close("script");
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

  /** Reads a resource of this package, failing when the build left it out. */
  static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  private void contents() {
    h.open("nav", "id", "contents", "aria-label", "Contents");
    page.anchor("contents");
    for (Section section : SECTIONS) {
      h.element("a", section.title(), "href", "#" + section.target());
    }
    h.close("nav");
  }

  private void findings() {
    List<Findings.Finding> findings = tests.findings().sentences();
    h.element("p", "Generated from the measured numbers only; each links to the chart or table it comes from. "
        + methods(), "class", "note");
    h.open("ul", "class", "findings");
    for (Findings.Finding f : findings) {
      h.open("li").element("span", f.topic(), "class", "topic").text(f.text() + " ");
      h.element("a", "→ " + f.linkText(), "href", f.href()).close("li");
    }
    h.close("ul");
  }

  /** The page's statistical methods, stated once, in the findings section. */
  private String methods() {
    int n = tests.family().size();
    String family = n == 0
        ? "No test could be made on this page (each needs two completed runs on each side and spread on one), so "
            + "no difference is called. "
        : String.format(Locale.ROOT, "Differences are called at α = 0.05 after Holm–Bonferroni adjustment over the "
            + "%s on this page: Welch's t-tests over seeds (two-sided, unequal variances) in the findings and the "
            + "baseline column, a pair compared in both counting once; each is quoted with its p-value and its "
            + "adjusted one. ", Formats.counted(n, "test"));
    return family + "A difference is given with its 95 % interval (Welch t interval; intervals are per comparison, "
        + "not adjusted for the number of tests), Hedges' g read by Cohen's "
        + "conventions (" + ComparisonFormat.conventions() + ") and the probability of improvement P(A > B), the "
        + "share of pairs of runs in which A's value is the higher (ties count half), with its 95 % interval "
        + "(Newcombe's score method). Where no difference is called and the test has less than 80 % power for the "
        + "observed difference, the seeds per cell that would give it 80 % (two-sided two-sample t test at α = 0.05, "
        + "observed pooled standard deviation; more than " + dev.convbench.analysis.Comparison.MAX_SEEDS + " is not "
        + "counted) are given. With one run on either side no test is made and no difference claimed (n=1). A cell "
        + "is at chance level when its mean final test accuracy is less than 5 % of the way from guessing (1/k for "
        + "k classes) to 100 % (below " + Formats.percent(dev.convbench.analysis.ChanceLevel.threshold(
            dev.convbench.analysis.ChanceLevel.DEFAULT_CLASSES)) + " for 10 classes); two cells at chance are not "
        + "compared. Epochs and time to target from " + dev.convbench.analysis.Aggregate.MLPERF_MIN_RUNS + " runs "
        + "that reached it follow MLPerf's rule: the fastest and the slowest run dropped, the rest averaged.";
  }

  private void baseline() {
    Optional<CellSummary> found = model.baseline();
    if (found.isEmpty()) {
      String named = model.experiments().stream().map(ExperimentResults::manifest).filter(java.util.Objects::nonNull)
          .map(dev.convbench.results.ExperimentManifest::baseline).filter(java.util.Objects::nonNull).findFirst()
          .orElse(null);
      h.element("p", named == null
          ? "No baseline set: add report: {baseline: LABEL} to the experiment file to compare every cell with one."
          : "The baseline " + named + " has no runs in these results.", "class", "notice");
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
    for (String column : List.of("Cell", "Δ final test accuracy",
        "Final test accuracy against the baseline: difference, g, P(cell > baseline), Welch's t-test (Holm)",
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
      Comparison comparison = tests.baseline().get(cell);
      h.element("td", comparison != null
          ? ComparisonFormat.statistics(comparison, ComparisonFormat.Unit.PERCENTAGE_POINTS, cell.label(), base.label())
          : both ? "both at chance level: not compared" : Formats.MISSING);
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
        + "the baseline's). The comparison of final test accuracies is over the completed runs, stated as in the "
        + "findings: its tests are among the page's Holm–Bonferroni family (see Findings), and a difference is "
        + "called only when the adjusted p < 0.05, never with one run on either side.", "class", "note");
  }

  private void ratioCell(double ratio, String suffix) {
    h.element("td", Double.isFinite(ratio) ? Formats.ratio(ratio) + suffix : Formats.MISSING, "class", "num",
        "data-sort", Double.isFinite(ratio) ? Double.toString(ratio) : "");
  }

  private static String signedDuration(double seconds) {
    return (seconds < 0 ? "−" : "+") + Formats.duration(Math.abs(seconds));
  }

  private void header() {
    page.anchor("header");
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
    h.text(Formats.counted(model.runs().size(), "run") + " in " + Formats.counted(model.cells().size(), "cell") + ": ");
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
    page.section("partial-data", null,
        "⚠ Partial data set: these results are not comparable with full CIFAR-10 results", "class", "alert", "role",
        "alert");
    h.element("p", "Some runs read data files holding fewer than the official 10,000 records each (the run was "
        + "started with partial data allowed). Their accuracies come from less data than the benchmark defines.");
    // The runs fall into groups: one per set of record counts seen, those that read the full data set, those that
    // recorded no data facts. The largest group is given by its count alone and the others, the exceptions, list
    // their runs: a 48-run matrix on one subset says "All 48 runs", not 48 names.
    Set<String> partialIds = partial.stream().flatMap(p -> p.runIds().stream()).collect(Collectors.toSet());
    List<String> full = model.runs().stream().filter(r -> r.record().dataset() != null)
        .map(RunResult::runId).filter(id -> !partialIds.contains(id)).toList();
    List<String> unknown = model.runs().stream().filter(r -> r.record().dataset() == null)
        .map(RunResult::runId).toList();
    int total = model.runs().size();
    int largest = Math.max(Math.max(full.size(), unknown.size()),
        partial.stream().mapToInt(p -> p.runIds().size()).max().orElse(0));
    boolean summarised = false;
    for (ReportModel.PartialData p : partial) {
      boolean summary = !summarised && p.runIds().size() == largest;
      summarised |= summary;
      h.open("p").text(runGroup(p.runIds(), total, summary, false) + " saw: ");
      h.element("strong", p.recordsPerFile().entrySet().stream()
          .map(e -> e.getKey() + ": " + Formats.count(e.getValue()) + " records")
          .collect(Collectors.joining("; "))).close("p");
    }
    for (List<String> others : List.of(full, unknown)) {
      if (others.isEmpty()) {
        continue;
      }
      boolean summary = !summarised && others.size() == largest;
      summarised |= summary;
      h.element("p", runGroup(others, total, summary, true) + (others == full
          ? " read the full data set." : " recorded no facts about the data they read."));
    }
    h.close("section");
  }

  /**
   * Who a sentence of the partial-data notice is about: the group's count when it is the largest ({@code All 48
   * runs}, {@code 46 of 48 runs}), else its count and run ids ({@code 2 runs (a, b)}).
   *
   * @param afterOthers whether the groups before it were about other runs, so that the largest says {@code The
   *     other 46 runs}
   */
  private static String runGroup(List<String> runIds, int total, boolean summary, boolean afterOthers) {
    int n = runIds.size();
    if (!summary) {
      return Formats.counted(n, "run") + " (" + String.join(", ", runIds) + ")";
    }
    if (n == total) {
      return n == 1 ? "The run " + runIds.get(0) : n == 2 ? "Both runs" : "All " + Formats.counted(n, "run");
    }
    return afterOthers ? "The other " + Formats.counted(n, "run")
        : Formats.count(n) + " of " + Formats.counted(total, "run");
  }

  private void warnings() {
    List<String> warnings = model.results().warnings();
    if (warnings.isEmpty()) {
      return;
    }
    page.section("warnings", null, "Reading warnings", "class", "notice");
    h.element("p", "Parts of the results could not be read and were left out (for instance the last line of a run "
        + "that was killed while writing):");
    h.open("ul");
    warnings.forEach(w -> h.element("li", w));
    h.close("ul").close("section");
  }

  private void summary() {
    Optional<CellSummary> baseline = model.baseline();
    // One target for every cell goes in the headers, so that the cells say only how many runs reached it.
    List<Double> targets = model.cells().stream().map(CellSummary::target).distinct().toList();
    Double commonTarget = targets.size() == 1 ? targets.get(0) : null;
    String target = commonTarget == null ? "target" : Formats.targetPercent(commonTarget);
    h.open("div", "class", "scroll").open("table", "class", "sortable summary").open("thead").open("tr");
    for (String column : List.of("Cell", "Architecture", "Parameters", "FLOPs / image", "Runs", "Seeds",
        "Final test accuracy", "Best test accuracy", "Δ final vs baseline", "Epochs to " + target,
        "Time to " + target, "Training time", "Images/s", "Status")) {
      h.open("th").breakableText(column, NOT_BEFORE_UNIT).close("th");
    }
    h.close("tr").close("thead").open("tbody");
    for (CellSummary cell : model.cells()) {
      h.open("tr");
      labelCell(cell);
      h.element("td", Formats.join(cell.architectures()));
      // A run that failed before its network was built records 0 parameters: unknown, not none.
      List<Long> known = cell.parameters().stream().filter(n -> n > 0).toList();
      numberCell(known.isEmpty() ? Formats.MISSING
          : known.stream().map(Formats::count).collect(Collectors.joining(", ")),
          known.isEmpty() ? "" : known.get(0).toString());
      numberCell(cell.flopsPerImage().isEmpty() ? Formats.MISSING : cell.flopsPerImage().stream()
          .map(Formats::flops).collect(Collectors.joining(", ")),
          cell.flopsPerImage().isEmpty() ? "" : cell.flopsPerImage().iterator().next().toString());
      h.element("td", Integer.toString(cell.runs().size()), "class", "num");
      h.element("td", Integer.toString(cell.seeds().size()), "class", "num");
      StatsCell.write(h, cell.finalAccuracy(), Formats::percentStats, Formats::percentInterval);
      StatsCell.write(h, cell.bestAccuracy(), Formats::percentStats, Formats::percentInterval);
      deltaCell(cell, baseline);
      targetCell(cell, Formats.plainStats(cell.epochsToTarget(), 1), cell.epochsToTarget(), commonTarget != null);
      targetCell(cell, Formats.durationStats(cell.secondsToTarget()), cell.secondsToTarget(), commonTarget != null);
      StatsCell.write(h, cell.trainingSeconds(), Formats::durationStats);
      StatsCell.write(h, cell.imagesPerSecond(), Formats::throughputStats);
      h.open("td").breakableText(cell.statusCounts().entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey().id()).collect(Collectors.joining(", ")), AFTER_COMMA)
          .close("td");
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
  }

  /** A right-aligned cell of values, which a narrow column breaks after a comma only. */
  private void numberCell(String text, String sortKey) {
    h.open("td", "class", "num", "data-sort", sortKey).breakableText(text, AFTER_COMMA).close("td");
  }

  private void labelCell(CellSummary cell) {
    h.open("td", "data-sort", cell.label(), "class", "label");
    h.open("span", "class", "chip", "style", "background:" + model.palette().css(cell.label())).close("span");
    h.open("a", "href", "#cell-" + (model.cells().indexOf(cell) + 1)).textWithBreaks(cell.label(), LABEL_BREAKS);
    h.trusted("</a>");
    if (model.baseline().filter(b -> b == cell).isPresent()) {
      h.text(" ").element("span", "baseline", "class", "n");
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
    numberCell(Formats.percentagePoints(delta), Double.toString(delta));
  }

  /**
   * Epochs or time to the target accuracy, with how many runs reached it on a line of its own.
   *
   * @param targetInHeader whether the column's header names the target, which the cell then leaves out
   */
  private void targetCell(CellSummary cell, String text, SampleStats stats, boolean targetInHeader) {
    if (cell.target() == null) {
      h.open("td", "class", "num", "data-sort", "").element("span", "no target", "class", "nw").close("td");
      return;
    }
    String reached = "(" + cell.reached() + "/" + cell.completed() + " reached"
        + (targetInHeader ? "" : " " + Formats.targetPercent(cell.target())) + ")";
    if (cell.completed() == 0) {
      h.element("td", Formats.MISSING, "class", "num", "data-sort", "");
      return;
    }
    h.open("td", "class", "num", "data-sort", cell.reached() == 0 ? "" : Double.toString(stats.mean()));
    if (cell.reached() == 0) {
      h.element("span", "not reached", "class", "nw");
    } else {
      h.breakableText(text, StatsCell.BEFORE_SPREAD);
    }
    h.text(" ").element("span", reached, "class", "n reached").close("td");
  }

  private void convergence() {
    if (model.runs().stream().allMatch(r -> r.epochs().isEmpty())) {
      h.element("p", "No run has recorded an epoch yet.");
    }
    h.element("p", "Lines are the mean over a cell's completed runs (over its running ones while none has "
        + "completed); the shaded band is ± one sample standard deviation. Diverged and failed runs are not drawn "
        + "(see Runs). Loss axes are logarithmic unless switched to linear below.", "class", "note");
    h.trusted("<input type=\"checkbox\" id=\"loss-linear\">");
    h.element("label", "Linear loss axis (default: logarithmic)", "for", "loss-linear", "class", "toggle-label");
    h.open("div", "class", "charts").trusted("\n");
    ConvergenceCharts.write(page);
    h.close("div");
  }

  private void runs() {
    int index = 0;
    for (CellSummary cell : model.cells()) {
      index++;
      page.anchor("cell-" + index);
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
  }

  private void configuration(CellSummary cell) {
    RunSpecRecord spec = cell.runs().get(0).record().spec();
    if (spec == null) {
      return;
    }
    TrainingParameters t = spec.training();
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
  }

  private void environment() {
    h.open("table", "class", "facts").open("tbody");
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
          h.text(" ").element("span", "(" + Formats.counted(v.getValue(), "run") + ")", "class", "n");
        }
      }
      h.close("td").close("tr");
    });
    h.close("tbody").close("table");
  }
}
