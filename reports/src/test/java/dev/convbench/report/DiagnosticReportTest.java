package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue-4 sections, on {@link ResultsFixture#diagnostic} (made-up numbers) and on results without them. */
class DiagnosticReportTest {

  @TempDir
  Path tmp;

  private final HtmlReportRenderer renderer =
      new HtmlReportRenderer(Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));

  private String render(boolean baseline) throws IOException {
    Path results = ResultsFixture.diagnostic(tmp.resolve("results"), baseline);
    return Files.readString(renderer.render(List.of(results), tmp.resolve("report")));
  }

  @Test
  void everySectionAndChartIsThereAndTheSelfCheckListsThem() throws IOException {
    String html = render(true);
    List<String> charts = List.of("chart-accuracy-epoch", "chart-loss-epoch-linear", "grad-first-layer",
        "grad-depth", "grad-heat-1", "grad-groups-1", "grad-heat-2", "grad-groups-2", "grad-heat-3",
        "grad-groups-3", "chart-generalization", "chart-train-eval", "cost-parameters", "cost-flops", "cost-time");
    for (String chart : charts) {
      assertTrue(SvgChartTest.svgElement(html, chart) != null, chart);
      assertTrue(script(html).contains("'" + chart + "'"), "the self-check knows " + chart);
    }
    for (String section : List.of("summary", "findings", "baseline", "charts", "convergence", "gradient-flow",
        "generalization", "cost", "architectures", "arch-1", "runs", "experiment", "environment")) {
      assertTrue(html.contains("id=\"" + section + "\""), section);
      assertTrue(script(html).contains("'" + section + "'"), "the self-check knows " + section);
    }
    assertTrue(script(html).contains("setAttribute('data-ok', 'true')"));
  }

  @Test
  void summaryShowsFlopsAndA95PercentIntervalExceptForOneRun() throws IOException {
    String html = render(true);
    String resnet = row(section(html, "summary"), "resnet18");
    assertTrue(resnet.contains("0.56 GFLOP"), "2 × 280,000,000 MACs: " + resnet);
    // seeds 1–3: 0.73, 0.74, 0.75 → mean 74 %, std 1 %, t(0.975, 2) = 4.303 → ± 2.48 %
    assertTrue(resnet.contains("74.00 ± 1.00 %") && resnet.contains("95 % CI 71.52–76.48 %"), resnet);
    String cnn = row(section(html, "summary"), "baseline-cnn");
    assertTrue(cnn.contains("1.30 MFLOP") && cnn.contains("n=1"), cnn);
    assertFalse(cnn.contains("CI"), "no interval for n=1: " + cnn);
  }

  @Test
  void findingsComeFromTheNumbersWithTestsAndLinks() throws IOException {
    String html = render(true);
    String findings = section(html, "findings");
    assertTrue(findings.contains("resnet18 reached 60 % test accuracy at epoch 2.0 ± 0.0"), findings);
    assertTrue(findings.contains("plain-18&#39;s best test accuracy was 58.00 ± 1.00 %, n=3 (never reached the 60 % "
        + "target)"), findings);
    // 0.74 vs 0.58, std 0.01 each, n=3: t = 0.16 / √(2·0.01²/3) = 19.60, df 4, CI ± t(0.975, 4)·0.008165 = 2.27 pp;
    // g = 16 · (1 − 3/15) = 12.80; P = 1 with Newcombe's interval [0.50, 1] for 3 vs 3. The page makes two tests
    // (this one, also the Pareto finding's, and the first-layer gradient norms), so Holm multiplies by at most 2.
    assertTrue(findings.contains("resnet18&#39;s final test accuracy (74.00 ± 1.00 %, n=3) is higher than "
        + "plain-18&#39;s (58.00 ± 1.00 %, n=3): difference +16.00 pp (95 % CI +13.73 to +18.27 pp, Welch t "
        + "interval); Hedges&#39; g = 12.80 (large); P(resnet18 &gt; plain-18) = 1.00 (95 % CI 0.50–1.00); "
        + "Welch&#39;s t-test: t = 19.60, df = 4.0, p &lt; 0.001, Holm-adjusted &lt; 0.001 over 2 tests."), findings);
    assertTrue(findings.contains("Differences are called at α = 0.05 after Holm–Bonferroni adjustment over the 2 "
        + "tests on this page"), findings);
    // One baseline run: the difference and P(A > B) (Newcombe's [0.32, 1] for 3 vs 1) but no test, and the seeds a
    // test would need given resnet18's spread (d = 24: two per cell).
    assertTrue(findings.contains("Final test accuracy: resnet18 74.00 ± 1.00 %, n=3, baseline-cnn 50.00 % (difference "
        + "+24.00 pp; P(resnet18 &gt; baseline-cnn) = 1.00 (95 % CI 0.32–1.00); n=1: no claim of difference; with "
        + "the observed spread, detecting a difference this size with 80 % power at α = 0.05 would take 2 seeds per "
        + "cell)."), findings);
    // First conv layer: plain 0.5·0.2^5·(1+0.05 s)/e, resnet 0.5·0.9^5·(1+0.05 s)/e → ratio 0.9^5/0.2^5 = 1845
    assertTrue(findings.contains("plain-18&#39;s first-layer (conv1) gradient norm after epoch 1 is 1800× smaller "
        + "than resnet18&#39;s"), findings);
    assertTrue(findings.contains("geometric-mean ratio 1800× (95 % CI "), "the ratio (0.9/0.2)^5 = 1845, each seed");
    assertTrue(findings.contains("Welch&#39;s t-test on log norms: t = "), findings);
    Matcher links = Pattern.compile("href=\"#([^\"]+)\"").matcher(findings);
    int n = 0;
    while (links.find()) {
      assertTrue(html.contains("id=\"" + links.group(1) + "\""), "link target exists: " + links.group(1));
      n++;
    }
    assertTrue(n >= 10, "every finding links somewhere: " + n);
  }

  @Test
  void gradientFlowLeavesBatchNormOutAndSharesTheColourScale() throws IOException {
    String html = render(false);
    String flow = section(html, "gradient-flow");
    assertTrue(flow.contains("4 batch-normalisation layers left out"), flow);
    String heat = svg(html, "grad-heat-1");
    assertTrue(heat.contains(">conv1<") && heat.contains(">layer4/conv1<") && heat.contains(">fc<"), "rows");
    assertFalse(heat.contains(">bn1<") || heat.contains(">layer1/bn1<"), "no batch-norm row");
    assertTrue(svg(html, "grad-groups-2").contains("first (layers 1–2)"), "group legend");
  }

  @Test
  void generalizationCostAndArchitecture() throws IOException {
    String html = render(true);
    String gap = section(html, "generalization");
    assertTrue(row(gap, "resnet18").contains("+20.00 ± 0.00 pp"), "train-eval − test at epoch 4: 0.05 · 4");
    String cost = section(html, "cost");
    assertTrue(row(cost, "baseline-cnn").contains("2.00 GiB"), "peak memory");
    assertTrue(row(cost, "plain-18").contains("no / no / yes"), "plain-18 is dominated on params and FLOPs");
    String arch = section(html, "architectures");
    assertTrue(arch.contains("<details><summary>Structure: 10 layers"), "collapsible structure");
    assertTrue(arch.contains(">BatchNorm2d(16)<"), "describe-like table");
    for (String name : ArchitectureSection.CIFAR10) {
      assertTrue(arch.contains(">" + name + "<"), name);
    }
    assertTrue(arch.contains("30,000 images, 22,200 correct (74.00 %)"), "resnet18's summed matrix");
    String baseline = section(html, "baseline");
    assertTrue(row(baseline, "resnet18").contains("+24.00 pp"), "74 − 50");
    assertTrue(row(baseline, "resnet18").contains("n=1: no claim of difference"), "baseline has one run");
  }

  @Test
  void resultsWithoutDiagnosticsSayWhatIsMissingAndInventNothing() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "old", "d");
    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));
    assertTrue(section(html, "gradient-flow").contains("No per-layer gradient statistics were recorded"));
    assertTrue(section(html, "generalization").contains("was not measured by any run"));
    assertTrue(section(html, "architectures").contains("Structure: not recorded"));
    assertTrue(section(html, "architectures").contains("Confusion matrix: not recorded"));
    assertTrue(row(section(html, "summary"), "cnn").contains("—"), "FLOPs unknown");
    assertFalse(section(html, "summary").contains("FLOP<"), "no FLOPs figure made up");
    String findings = section(html, "findings");
    assertTrue(findings.contains("No gradient-flow finding"), findings);
    assertTrue(findings.contains("No generalization finding"), findings);
    assertTrue(section(html, "cost").contains("Not drawn, for lack of recorded values: accuracy against FLOPs"));
  }

  @Test
  void noBaselineSaysHowToSetOne() throws IOException {
    String html = render(false);
    assertTrue(section(html, "baseline").contains("No baseline set"));
  }

  static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, "section " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }

  /** The text of the table row of a cell, as a reader sees it (values are split into spans where lines may break). */
  static String row(String html, String label) {
    int at = Math.max(html.indexOf(">" + label + "<"), html.indexOf("\n" + label + "<"));
    assertTrue(at >= 0, "row for " + label);
    return Jsoup.parseBodyFragment("<table>" + html.substring(html.lastIndexOf("<tr>", at),
        html.indexOf("</tr>", at)) + "</tr></table>").text();
  }

  static String svg(String html, String id) {
    String svg = SvgChartTest.svgElement(html, id);
    assertTrue(svg != null, "svg " + id);
    return svg;
  }

  static String script(String html) {
    return html.substring(html.lastIndexOf("<script>"), html.lastIndexOf("</script>"));
  }

  @SuppressWarnings("unused")
  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
