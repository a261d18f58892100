package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaves a report with every section filled (from {@link ResultsFixture#diagnostic}, made-up numbers) where
 * {@code ci/browser-check.sh} finds it: {@code convbench.sampleReportDir} (set by this module's POM to
 * {@code target/sample-report}), and checks that page through an HTML parser: what the browser's self-check will look
 * for is there, the links resolve, and the tables and charts show the numbers stored in the fixture's files.
 */
class SampleReportTest {

  @TempDir
  static Path tmp;

  static List<StoredRuns.Run> stored;
  static ReportDocument report;

  @BeforeAll
  static void render() throws IOException {
    Path results = ResultsFixture.diagnostic(tmp.resolve("browser-check-fixture (made-up numbers)"), true);
    String dir = System.getProperty("convbench.sampleReportDir");
    Path out = dir == null ? tmp.resolve("report") : Path.of(dir);
    report = ReportDocument.read(new HtmlReportRenderer().render(List.of(results), out));
    stored = StoredRuns.read(results);
  }

  /** The same check the page's script makes in the browser, made here on the parsed page. */
  @Test
  void everyIdTheBrowserSelfCheckExpectsIsThere() {
    List<String> sections = report.selfCheckIds("sections");
    List<String> charts = report.selfCheckIds("charts");
    assertTrue(sections.containsAll(List.of("summary", "findings", "baseline", "charts", "gradient-flow",
        "generalization", "cost", "architectures", "runs", "experiment", "environment")), sections.toString());
    for (String id : sections) {
      report.byId(id);
    }
    assertEquals(List.of("chart-accuracy-epoch", "chart-accuracy-time", "chart-loss-epoch",
        "chart-loss-epoch-linear", "chart-loss-time", "chart-loss-time-linear", "grad-first-layer", "grad-depth",
        "grad-heat-1", "grad-heat-2", "grad-heat-3", "grad-groups-1", "grad-groups-2", "grad-groups-3",
        "chart-generalization", "chart-train-eval", "cost-parameters", "cost-flops", "cost-time"), charts,
        "convergence (loss also linear), gradient flow with a heat map and groups per cell, generalization, cost");
    for (String id : charts) {
      assertTrue(report.chart(id).childrenSize() > 0, "chart " + id + " has content");
    }
  }

  /** The contents bar, the order of the sections after it and the self-check's list all come from one list. */
  @Test
  void contentsBarPageOrderAndSelfCheckFollowTheOneSectionList() {
    List<String> ids = ReportPage.SECTIONS.stream().map(ReportPage.Section::id).toList();
    assertEquals(ReportPage.SECTIONS.stream().map(ReportPage.Section::target).toList(), report.contentsTargets(),
        "the contents bar links every section, in order");
    assertEquals(ReportPage.SECTIONS.stream().map(ReportPage.Section::title).toList(),
        report.byId("contents").select("a").eachText(), "the contents bar's link texts");
    List<Element> written = report.document().select("nav#contents ~ section");
    assertEquals(ids, written.stream().map(Element::id).toList(), "the sections after the contents bar, in order");
    for (int i = 0; i < written.size(); i++) {
      assertEquals(ReportPage.SECTIONS.get(i).title(), written.get(i).selectFirst("h2").text(), ids.get(i));
    }
    List<String> expected = report.selfCheckIds("sections");
    assertEquals(ids, expected.stream().filter(ids::contains).toList(), "the self-check's sections, in order");
    assertTrue(expected.containsAll(report.contentsTargets()), "the self-check looks for every link target");
  }

  @Test
  void selfCheckExpectsExactlyTheChartsThePageDraws() {
    assertEquals(report.document().select("svg").eachAttr("id"), report.selfCheckIds("charts"));
  }

  @Test
  void everyContentsLinkLeadsToAnElementOfThePage() {
    List<String> targets = report.contentsTargets();
    assertEquals(List.of("summary", "findings", "baseline", "variance-sources", "convergence", "gradient-flow",
        "generalization", "cost", "architectures", "runs", "experiment", "environment"), targets);
    for (String id : targets) {
      report.byId(id);
    }
  }

  @Test
  void summaryShowsEachCellsMeanFinalAccuracyFromItsMetricsFiles() {
    Map<String, Double> expected = StoredRuns.meanFinalAccuracy(stored);
    Map<String, Map<String, Element>> rows = report.rowsByCell("summary");
    assertEquals(expected.keySet(), new TreeMap<>(rows).keySet(), "one row per cell");
    Map<String, Long> runsPerCell = StoredRuns.runsPerCell(stored);
    expected.forEach((label, mean) -> {
      Map<String, Element> row = rows.get(label);
      Element accuracy = row.get("Final test accuracy");
      assertEquals(mean, ReportDocument.sortKey(accuracy), 1e-12, label);
      assertTrue(accuracy.text().startsWith(String.format(java.util.Locale.ROOT, "%.2f", mean * 100)),
          label + " shows its mean in percent: " + accuracy.text());
      assertEquals(runsPerCell.get(label).toString(), row.get("Runs").text(), label);
      assertEquals(runsPerCell.get(label) + " completed", row.get("Status").text(), label);
    });
  }

  @Test
  void runsTablesListEveryStoredRunWithItsStatusAndFinalAccuracy() {
    Map<String, String> shown = new TreeMap<>();
    for (Map<String, Element> row : report.rows("runs")) {
      String runId = row.get("Run").text();
      StoredRuns.Run run = stored.stream().filter(r -> r.runId().equals(runId)).findFirst()
          .orElseThrow(() -> new AssertionError("the report lists a run the results do not hold: " + runId));
      shown.put(runId, row.get("Status").text());
      assertEquals(Long.toString(run.seed()), row.get("Seed").text(), runId);
      assertEquals(run.finalAccuracy(), ReportDocument.sortKey(row.get("Final test accuracy")), 1e-12, runId);
    }
    assertEquals(stored.stream().collect(Collectors.toMap(StoredRuns.Run::runId, StoredRuns.Run::status,
        (a, b) -> a, TreeMap::new)), shown);
  }

  @Test
  void baselineTableComparesEveryOtherCellWithTheBaselinesMean() {
    Map<String, Double> means = StoredRuns.meanFinalAccuracy(stored);
    Map<String, Map<String, Element>> rows = report.rowsByCell("baseline");
    assertEquals(List.of("plain-18", "resnet18"), rows.keySet().stream().sorted().toList(),
        "every cell but the baseline itself");
    rows.forEach((label, row) -> assertEquals(means.get(label) - means.get("baseline-cnn"),
        ReportDocument.sortKey(row.get("Δ final test accuracy")), 1e-12, label));
    assertFalse(report.rowsByCell("summary").get("baseline-cnn").get("Cell").select(".n").isEmpty(),
        "the baseline is marked in the summary");
    // The baseline has one run: each row states the difference and P(cell > baseline) by the findings' rule, and
    // makes no test. Its text is the findings' sentence's, word for word (one formatting rule).
    String findings = report.byId("findings").text();
    rows.forEach((label, row) -> {
      String comparison = row.get("Final test accuracy against the baseline: difference, g, P(cell > baseline), "
          + "Welch's t-test (Holm)").text();
      assertTrue(comparison.startsWith(String.format(java.util.Locale.ROOT, "difference %+.2f pp; P(%s > baseline-cnn) "
          + "= 1.00 (95 %% CI 0.32–1.00); n=1: no claim of difference", (means.get(label) - means.get("baseline-cnn"))
          * 100, label)), comparison);
      if (label.equals("resnet18")) {
        assertTrue(findings.contains(comparison), "the finding quotes the column's words: " + comparison);
      }
    });
  }

  @Test
  void convergenceChartsAreTitledAndDrawOneCurvePerCell() {
    Map<String, Integer> perCell = StoredRuns.runsPerCell(stored).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().intValue(), (a, b) -> a, TreeMap::new));
    Map<String, String> titles = Map.of("chart-accuracy-epoch", "Test accuracy by epoch",
        "chart-accuracy-time", "Test accuracy by training time", "chart-loss-epoch", "Training loss by epoch",
        "chart-loss-epoch-linear", "Training loss by epoch", "chart-loss-time", "Training loss by training time",
        "chart-loss-time-linear", "Training loss by training time");
    titles.forEach((id, title) -> {
      Element svg = report.chart(id);
      assertTrue(ReportDocument.drawnText(svg).contains(title), id + " titled " + title);
      assertEquals(perCell, ReportDocument.legend(svg), id + ": a curve per cell over all its runs");
    });
  }
}
