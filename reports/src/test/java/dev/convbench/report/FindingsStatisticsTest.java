package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.analysis.Aggregate;
import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.analysis.Holm;
import dev.convbench.analysis.SampleStats;
import dev.convbench.analysis.Welch;
import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import dev.convbench.results.ResultsReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the findings may claim: differences called after Holm's adjustment over every test on the page, with their
 * intervals, effect sizes and probability of improvement; cells at chance level named and never ranked; time to
 * target by MLPerf's rule. On results fixtures with made-up numbers ({@link ResultsFixture}).
 */
class FindingsStatisticsTest {

  /** A Welch test as the page quotes it: t, df, p and the Holm-adjusted p over the family. */
  private static final Pattern TEST = Pattern.compile(
      "Welch's t-test(?: on log norms)?: t = (-?[0-9.]+), df = ([0-9.]+), p ([=<] [0-9.]+), Holm-adjusted "
          + "(< 0.001|[0-9.]+) over (\\d+) tests?");

  @TempDir
  Path tmp;

  private final HtmlReportRenderer renderer =
      new HtmlReportRenderer(Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));

  private ReportDocument render(Path results) throws IOException {
    return ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report")));
  }

  /** Each finding's sentence, without its topic and link. */
  private static List<String> findings(ReportDocument report) {
    return report.byId("findings").select("ul.findings li").stream().map(li -> li.ownText().trim()).toList();
  }

  private static String finding(List<String> findings, String... parts) {
    return findings.stream().filter(f -> List.of(parts).stream().allMatch(f::contains)).findFirst()
        .orElseThrow(() -> new AssertionError("no finding with " + List.of(parts) + " in " + findings));
  }

  /**
   * The case: two cells that did not learn (24 seeds each) are both at chance level, never "higher than"
   * each other, although an unadjusted Welch test between them gives p = 0.016; mobilenet predicts one class.
   */
  @Test
  void cellsAtChanceLevelAreNamedAndNotRanked() throws IOException {
    ReportDocument report = render(ResultsFixture.chanceLevel(tmp.resolve("results")));
    List<String> findings = findings(report);

    double[] z = ResultsFixture.standardized(24);
    double[] cnn = new double[24];
    for (int i = 0; i < 24; i++) {
      cnn[i] = 0.11 + 0.0188 * z[i];
    }
    double[] mobile = new double[24];
    java.util.Arrays.fill(mobile, 0.10);
    Welch unadjusted = Welch.test(SampleStats.of(cnn), SampleStats.of(mobile));
    assertEquals("p = 0.016", Welch.formatP(unadjusted.p()), "the fixture is the issue's case");

    String text = String.join("\n", findings);
    assertFalse(text.contains("higher than"), text);
    assertTrue(findings.contains("baseline-cnn (11.00 ± 1.88 %, n=24) and mobilenet (10.00 ± 0.00 %, n=24) "
        + "are both at chance level in final test accuracy (10.00 % for 10 classes): neither learned, so no "
        + "difference between them is claimed or tested."), text);
    assertTrue(findings.contains("mobilenet predicts a single class (class 6, frog) for every test image, in "
        + "each of its 24 runs."), text);
    for (String cell : List.of("baseline-cnn's final test accuracy (11.00 ± 1.88 %, n=24)",
        "mobilenet's final test accuracy (10.00 ± 0.00 %, n=24)")) {
      assertTrue(text.contains(cell + " is at chance level: guessing scores 10.00 % for 10 classes, and a cell is "
          + "at chance when its mean is below 14.50 % (5 % of the way from guessing to 100 %)."), cell + "\n" + text);
    }
    assertFalse(text.contains("baseline-cnn predicts a single class"), "its predictions vary");
    Map<String, Element> row = report.rowsByCell("baseline").get("mobilenet");
    assertEquals("both at chance level: not compared", row.get(
        "Final test accuracy against the baseline: difference, g, P(cell > baseline), Welch's t-test (Holm)").text());
    String note = report.byId("findings").selectFirst("p.note").text();
    assertTrue(note.contains("Differences are called at α = 0.05 after Holm–Bonferroni adjustment over the 1 test on "
        + "this page"), "training time is the only test: " + note);
  }

  /**
   * Two seeds per cell, as in the published example: unadjusted p-values below 0.05 call no difference
   * once adjusted over the page's tests; each comparison gives its interval, g, P(A > B) and the seeds it would need.
   */
  @Test
  void differencesAreCalledOnlyAfterHolmOverEveryTestOnThePage() throws IOException {
    ReportDocument report = render(ResultsFixture.twoSeedsPerCell(tmp.resolve("results")));
    List<String> findings = findings(report);
    String page = report.byId("findings").text() + "\n" + report.byId("baseline").text();

    // Every distinct test quoted on the page (the same pair in either direction is one), and the family the note names.
    Set<String> distinct = new LinkedHashSet<>();
    List<double[]> quoted = new java.util.ArrayList<>();
    Matcher m = TEST.matcher(page);
    while (m.find()) {
      distinct.add(m.group(1).replace("-", "") + " " + m.group(2) + " " + m.group(3));
      assertEquals(6, Integer.parseInt(m.group(5)), "every test is adjusted over the same family: " + m.group());
      double raw = m.group(3).startsWith("<") ? 0 : Double.parseDouble(m.group(3).substring(2));
      double adjusted = m.group(4).startsWith("<") ? 0 : Double.parseDouble(m.group(4));
      quoted.add(new double[] {raw, adjusted});
    }
    assertEquals(6, distinct.size(), "3 in the ranking, 2 more in the baseline column, training time: " + distinct);
    assertTrue(page.contains("Differences are called at α = 0.05 after Holm–Bonferroni adjustment over the 6 tests "
        + "on this page"), page);
    for (double[] q : quoted) {
      assertTrue(q[1] >= q[0], "adjusting never lowers a p-value");
    }

    // densenet vs resnet shortcut=false: p = 0.019 before adjustment, not called after it.
    double[][] finals = {{0.513, 0.529}, {0.503, 0.515}, {0.434, 0.443}, {0.2540, 0.2550}};
    double p = Welch.test(SampleStats.of(finals[0]), SampleStats.of(finals[3])).p();
    assertEquals("p = 0.019", Welch.formatP(p));
    double[] family = pageFamily(finals);
    double adjusted = Holm.adjust(family)[2];
    assertEquals(p, family[2], 0, "the third test of the family");
    assertTrue(adjusted >= 0.05, "not called: " + adjusted);
    String sentence = finding(findings, "densenet (52.10 ± 1.13 %, n=2) and resnet shortcut=false (25.45 ± 0.07 %, n=2)");
    assertTrue(sentence.contains("no significant difference in final test accuracy"), sentence);
    assertTrue(sentence.contains(String.format(Locale.ROOT, "p = 0.019, Holm-adjusted %s over 6 tests",
        ComparisonFormat.pValue(adjusted))), sentence);
    assertTrue(sentence.contains("difference +26.65 pp (95 % CI "), sentence);
    assertTrue(sentence.contains("Welch t interval"), sentence);
    assertTrue(sentence.contains("P(densenet > resnet shortcut=false) = 1.00 (95 % CI 0.39–1.00)"), sentence);
    assertTrue(Pattern.compile("Hedges' g = [0-9.]+ \\(large\\)").matcher(sentence).find(), sentence);
    assertFalse(text(findings).contains("higher than"), "nothing survives adjustment with two seeds per cell");

    // densenet vs se-resnet18: p = 0.361, little power; the seeds 80 % would take, from the observed difference.
    String close = finding(findings, "densenet (52.10 ± 1.13 %, n=2) and se-resnet18 (50.90 ± 0.85 %, n=2)");
    double d = (0.521 - 0.509) / Math.sqrt((SampleStats.of(finals[0]).std() * SampleStats.of(finals[0]).std()
        + SampleStats.of(finals[1]).std() * SampleStats.of(finals[1]).std()) / 2);
    int seeds = dev.convbench.analysis.Power.seedsPerGroup(d, 0.05, 0.8, 100).orElseThrow();
    assertTrue(close.contains("the test has little power here ("), close);
    assertTrue(close.contains("80 % power at α = 0.05 would take " + seeds + " seeds per cell"), close);

    // The baseline column states its comparisons by the same rule.
    Element column = report.rowsByCell("baseline").get("resnet shortcut=false").get(
        "Final test accuracy against the baseline: difference, g, P(cell > baseline), Welch's t-test (Holm)");
    assertTrue(column.text().startsWith("difference -18.40 pp (95 % CI "), column.text());
    assertTrue(column.text().contains("P(resnet shortcut=false > resnet shortcut=true) = 0.00 (95 % CI 0.00–0.61)"),
        column.text());
    assertTrue(column.text().contains("over 6 tests"), column.text());
  }

  private static String text(List<String> findings) {
    return String.join("\n", findings);
  }

  /**
   * The p-values of the six tests the two-seed page makes, computed from the fixture's numbers: the ranking (densenet
   * against each other cell), the baseline column's two new pairs, and training time (slowest against fastest).
   */
  private static double[] pageFamily(double[][] finals) {
    double[][] seconds = new double[4][2];
    for (int cell = 0; cell < 4; cell++) {
      for (int seed = 1; seed <= 2; seed++) {
        seconds[cell][seed - 1] = 3 * (30 + 5 * seed + 10 * cell);
      }
    }
    return new double[] {
        welch(finals[0], finals[1]), welch(finals[0], finals[2]), welch(finals[0], finals[3]),
        welch(finals[3], finals[2]), welch(finals[1], finals[2]), welch(seconds[3], seconds[0])};
  }

  private static double welch(double[] a, double[] b) {
    return Welch.test(SampleStats.of(a), SampleStats.of(b)).p();
  }

  /** MLPerf's rule on the page and in results.json, and the plain mean below five runs. */
  @Test
  void timeToTargetDropsTheFastestAndSlowestFromFiveRuns() throws IOException {
    Path results = ResultsFixture.timeToTarget(tmp.resolve("results"));
    List<String> findings = findings(render(results));
    assertTrue(findings.contains("six reached 60 % test accuracy at epoch 2.5 (27.0 s of training): MLPerf's "
        + "rule, the mean of the 4 runs left when the fastest and the slowest of the 6 that reached it are "
        + "dropped."), text(findings));
    assertTrue(findings.contains("three reached 60 % test accuracy at epoch 2.0 ± 0.0 (24.0 ± 4.0 s of "
        + "training), mean of 3 runs."), text(findings));

    ExperimentSummary summary = ExperimentSummaries.of(new ResultsReader(w -> { }).read(results));
    CellResult six = summary.cells().stream().filter(c -> c.label().equals("six")).findFirst().orElseThrow();
    MetricResult seconds = six.metric(MetricResult.SECONDS_TO_TARGET).orElseThrow();
    assertEquals(Aggregate.MLPERF_TRIMMED_MEAN, seconds.aggregation());
    assertEquals(27.0, seconds.score(), 1e-12);
    assertEquals(List.of(20.0, 22.0, 36.0, 26.0, 24.0, 80.0), seconds.values().stream()
        .map(MetricResult.Value::value).toList(), "every run's value kept, the dropped ones too");
    MetricResult epochs = six.metric(MetricResult.EPOCHS_TO_TARGET).orElseThrow();
    assertEquals(Aggregate.MLPERF_TRIMMED_MEAN, epochs.aggregation());
    assertEquals(2.5, epochs.score(), 1e-12);
    assertEquals(Aggregate.MEAN, six.primaryMetric().aggregation(), "other metrics stay means");
    CellResult three = summary.cells().stream().filter(c -> c.label().equals("three")).findFirst().orElseThrow();
    assertEquals(Aggregate.MEAN, three.metric(MetricResult.SECONDS_TO_TARGET).orElseThrow().aggregation());
    assertEquals(24.0, three.metric(MetricResult.SECONDS_TO_TARGET).orElseThrow().score(), 1e-12);
  }
}
