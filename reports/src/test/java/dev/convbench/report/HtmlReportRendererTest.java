package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.data.DatasetOptions;
import dev.convbench.store.RunWriter;
import dev.convbench.results.ReportRenderer;
import dev.convbench.store.ResultStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportRendererTest {

  @TempDir
  Path tmp;

  private final HtmlReportRenderer renderer =
      new HtmlReportRenderer(Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void writesOneIndexFileWithEverySection() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "cifar-baselines", "CNN vs ResNet");

    Path index = renderer.render(List.of(results), tmp.resolve("report"));

    assertEquals(tmp.resolve("report/index.html"), index);
    try (var files = Files.list(tmp.resolve("report"))) {
      assertEquals(List.of(index), files.toList(), "nothing but index.html");
    }
    String html = Files.readString(index);
    for (String id : List.of("header", "summary", "charts", "convergence", "gradient-flow", "generalization",
        "cost", "architectures", "findings", "baseline", "runs", "experiment", "environment", "cell-1", "cell-2",
        "arch-1", "arch-2")) {
      assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
    }
    for (String chart : List.of("chart-accuracy-epoch", "chart-accuracy-time", "chart-loss-epoch",
        "chart-loss-epoch-linear", "chart-loss-time", "chart-loss-time-linear", "cost-parameters", "cost-time")) {
      assertTrue(SvgChartTest.svgElement(html, chart) != null, "chart " + chart);
    }
    assertEquals(8, count(html, "<svg"), "convergence (loss twice), and cost against parameters and time; no "
        + "diagnostics recorded, so no gradient, generalization or FLOPs chart");
    assertTrue(html.contains("<h1>cifar-baselines</h1>"));
    assertTrue(html.contains("CNN vs ResNet"));
    assertTrue(html.contains("3 completed") && html.contains("1 failed"), "status counts");
    assertFalse(html.contains("id=\"partial-data\""), "full data set: no warning");
    assertFalse(html.contains("id=\"warnings\""), "nothing damaged: no reading warnings");
  }

  @Test
  void referencesNothingOutsideTheFile() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    Matcher links = Pattern.compile("(?i)\\b(?:src|href)\\s*=\\s*([\"'])(.*?)\\1").matcher(html);
    while (links.find()) {
      assertTrue(links.group(2).startsWith("#"), "in-page links only: " + links.group());
    }
    Matcher urls = Pattern.compile("(?i)url\\(([^)]*)\\)").matcher(html);
    while (urls.find()) {
      assertTrue(urls.group(1).replace("'", "").replace("\"", "").startsWith("#"), "in-page only: " + urls.group());
    }
    String withoutNamespaces = html.replaceAll("xmlns(:\\w+)?=([\"'])[^\"']*\\2", "");
    assertFalse(withoutNamespaces.contains("http://"), "no http URL besides XML namespaces");
    assertFalse(withoutNamespaces.contains("https://"), "no https URL besides XML namespaces");
  }

  @Test
  void escapesEveryUserSuppliedString() throws IOException {
    String evil = "<script>alert(1)</script>";
    Path results = ResultsFixture.standard(tmp.resolve("results"), "name " + evil, "description " + evil,
        "label " + evil, "resnet");

    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    assertEquals(1, count(html, "<script"), "only the report's own script (sorting, self-check)");
    assertTrue(html.contains("name &lt;script&gt;alert(1)&lt;/script&gt;"), "name shown, escaped");
    assertTrue(html.contains("description &lt;script&gt;"), "description shown, escaped");
    assertTrue(html.contains("label &lt;script&gt;"), "label shown, escaped");
  }

  @Test
  void aCellWhoseNetworkWasNeverBuiltShowsNoParameterCountAndCountsAreWordedForOne() throws IOException {
    Path dir = tmp.resolve("results");
    ResultStore store = new ResultStore(dir);
    RunSpec ok = ResultsFixture.spec("ok", "baseline-cnn", 1);
    RunSpec broken = ResultsFixture.spec("broken", "resnet18", 1);
    store.writeExperiment(new Experiment("exp", "d", Path.of("exp.yaml"), "name: exp\n", DatasetOptions.defaults(),
        List.of(ok, broken), null));
    ResultsFixture.complete(store, ok, ResultsFixture.info(62_006, false), new double[] {0.3}, 10);
    try (RunWriter run = store.start(broken, ResultsFixture.info(0, false))) {
      run.failed(new IllegalStateException("the plugin threw before building its network"));
    }

    ReportDocument page = ReportDocument.read(renderer.render(List.of(dir), tmp.resolve("report")));

    Map<String, Map<String, Element>> rows = page.rowsByCell("summary");
    assertEquals("62,006", rows.get("ok").get("Parameters").text());
    assertEquals("—", rows.get("broken").get("Parameters").text(), "unknown, not 0");
    assertTrue(page.document().text().contains("2 runs in 2 cells:"), "two of each");
  }

  @Test
  void summaryShowsMeanAndStdOverSeeds() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    String cnn = summaryRow(html, "cnn");
    assertTrue(cnn.contains("baseline-cnn"), cnn);
    assertTrue(cnn.contains("1,250,000"), "parameters: " + cnn);
    assertTrue(cnn.contains("82.00 ± 2.83 %"), "final accuracy (0.80, 0.84): " + cnn);
    assertTrue(cnn.contains("n=2"), cnn);
    assertTrue(cnn.contains("2.0 ± 0.0"), "epochs to target (2, 2): " + cnn);
    assertTrue(cnn.contains("22.0 ± 2.8 s"), "seconds to target (20, 24): " + cnn);
    assertTrue(cnn.contains("33.0 ± 4.2 s"), "training time (30, 36): " + cnn);

    String resnet = summaryRow(html, "resnet");
    assertTrue(resnet.contains("90.00 %") && !resnet.contains("90.00 ±"), "one completed run: " + resnet);
    assertTrue(resnet.contains("n=1"), resnet);
    assertTrue(resnet.contains("1 completed, 1 failed"), resnet);
    assertTrue(resnet.contains("+8.00 pp"), "vs baseline cnn (90 − 82): " + resnet);
  }

  @Test
  void withOneRunOnASideNoTestIsMadeAndThePageSaysSo() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    ReportDocument report = ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report")));

    String note = report.byId("findings").selectFirst("p.note").text();
    assertTrue(note.contains("No test could be made on this page"), "resnet has one completed run: " + note);
    assertFalse(note.contains("Holm–Bonferroni adjustment over"), note);
    String findings = report.byId("findings").text();
    // resnet 90 % (n=1) against cnn 82.00 ± 2.83 % (n=2): the difference, no test; cnn's spread alone gives
    // d = 8 / 2.83 = 2.83, for which statsmodels' solve_power gives 3.26 seeds per cell: 4.
    assertTrue(findings.contains("Final test accuracy: resnet 90.00 %, cnn 82.00 ± 2.83 %, n=2 (difference +8.00 pp; "
        + "P(resnet > cnn) = 1.00 (95 % CI "), findings);
    assertTrue(findings.contains("n=1: no claim of difference; with the observed spread, detecting a difference this "
        + "size with 80 % power at α = 0.05 would take 4 seeds per cell)"), findings);
    assertFalse(findings.contains("higher than"), findings);
  }

  @Test
  void listsEachRunWithItsStatusAndTheFailure() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    ReportDocument report = ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report")));

    Map<String, String> statuses = new TreeMap<>();
    Map<String, String> messages = new TreeMap<>();
    for (Map<String, Element> row : report.rows("runs")) {
      statuses.put(row.get("Run").text(), row.get("Status").text());
      messages.put(row.get("Run").text(), row.get("Message").ownText());
    }
    Map<String, String> stored = new TreeMap<>();
    StoredRuns.read(results).forEach(r -> stored.put(r.runId(), r.status()));
    assertEquals(Map.of("cnn-s1", "completed", "cnn-s2", "completed", "resnet-s1", "completed", "resnet-s2",
        "failed"), stored, "the fixture as documented");
    assertEquals(stored, statuses);
    assertEquals("java.lang.IllegalStateException: CUDA_ERROR_OUT_OF_MEMORY", messages.get("resnet-s2"));
    assertEquals("", messages.get("resnet-s1"), "a completed run has no message");
    Element trace = report.rows("runs").stream().filter(r -> r.get("Run").text().equals("resnet-s2")).findFirst()
        .orElseThrow().get("Message").selectFirst("details pre");
    assertTrue(trace != null && trace.text().contains("CUDA_ERROR_OUT_OF_MEMORY"), "stack trace folded in details");
  }

  @Test
  void summaryStatisticsLeaveTheFailedRunOut() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    ReportDocument report = ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report")));

    Map<String, Double> means = StoredRuns.meanFinalAccuracy(StoredRuns.read(results));
    Map<String, Map<String, Element>> summary = report.rowsByCell("summary");
    assertEquals(means.get("resnet"), ReportDocument.sortKey(summary.get("resnet").get("Final test accuracy")), 1e-12,
        "the completed resnet run alone");
    assertEquals(means.get("cnn"), ReportDocument.sortKey(summary.get("cnn").get("Final test accuracy")), 1e-12);
    assertEquals("1 completed, 1 failed", summary.get("resnet").get("Status").text());
  }

  @Test
  void showsTheExperimentFileAndTheEnvironment() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    assertTrue(section(html, "experiment").contains("<pre>name: exp\ndescription: d\nbaseline: cnn\n</pre>"));
    String env = section(html, "environment");
    for (String fact : List.of("2.18.0", "CPU", "Test CPU @ 3.0GHz", "Test JVM 17.0.15", "Linux 6.1 (amd64)")) {
      assertTrue(env.contains(fact), fact);
    }
  }

  @Test
  void mergesSeveralResultsDirectories() throws IOException {
    Path first = ResultsFixture.standard(tmp.resolve("machine-a"), "exp-a", "d");
    Path second = tmp.resolve("machine-b");
    ResultStore store = new ResultStore(second);
    ResultsFixture.complete(store, ResultsFixture.spec("cnn", "baseline-cnn", 3), ResultsFixture.info(1_250_000,
        false), new double[] {0.41, 0.61, 0.82}, 11);

    String html = Files.readString(renderer.render(List.of(first, second), tmp.resolve("report")));

    assertTrue(html.contains("<h1>exp-a + machine-b</h1>"), "both named");
    String cnn = summaryRow(html, "cnn");
    assertTrue(cnn.contains("82.00 ± 2.00 %"), "final accuracy over 0.80, 0.84, 0.82: " + cnn);
    assertTrue(cnn.contains("n=3"), cnn);
    assertTrue(section(html, "experiment").contains("machine-b"));
  }

  @Test
  void aKilledRunsCutCsvLineIsReportedNotFatal() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    Files.writeString(results.resolve("cnn-s1/metrics.csv"), "4,0.5,0.8", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    assertTrue(section(html, "warnings").contains("incomplete last line"));
    assertTrue(summaryRow(html, "cnn").contains("82.00 ± 2.83 %"), "the cut row is ignored");
  }

  /** One target for every cell is named once, in the headers; targets that differ are named in each cell. */
  @Test
  void theTargetIsNamedInTheHeadersWhenEveryCellSharesIt() throws IOException {
    Path shared = ResultsFixture.standard(tmp.resolve("shared"), "exp", "d");
    Map<String, Element> cnn = ReportDocument.read(renderer.render(List.of(shared), tmp.resolve("shared-report")))
        .rowsByCell("summary").get("cnn");
    assertEquals("2.0 ± 0.0 (2/2 reached)", cnn.get("Epochs to 60 %").text());
    assertEquals("22.0 ± 2.8 s (2/2 reached)", cnn.get("Time to 60 %").text());

    Path mixed = tmp.resolve("mixed");
    ResultStore store = new ResultStore(mixed);
    ResultsFixture.complete(store, ResultsFixture.spec("cnn", "baseline-cnn", 1), ResultsFixture.info(1_000, false),
        new double[] {0.4, 0.6, 0.8}, 10);
    RunSpec lower = ResultsFixture.spec("resnet", "resnet18", 1);
    ResultsFixture.complete(store, new RunSpec(lower.runId(), lower.architecture(), lower.hyperParameters(),
        lower.training().withTargetAccuracy(0.5), lower.dataset(), lower.seeds(), lower.cell(), lower.label()),
        ResultsFixture.info(1_000, false), new double[] {0.4, 0.6, 0.8}, 10);
    Map<String, Map<String, Element>> rows = ReportDocument.read(renderer.render(List.of(mixed),
        tmp.resolve("mixed-report"))).rowsByCell("summary");
    assertEquals("2.0 (1/1 reached 60 %)", rows.get("cnn").get("Epochs to target").text());
    assertEquals("2.0 (1/1 reached 50 %)", rows.get("resnet").get("Epochs to target").text());
  }

  /** The footer links results.json where the commands write it, and nothing when there is none. */
  @Test
  void linksTheMachineReadableSummaryWhereItIs() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    assertEquals(List.of(), summaryLinks(renderer.render(List.of(results), tmp.resolve("elsewhere"))),
        "no results.json yet: no link");

    Files.writeString(results.resolve("results.json"), "{}");
    assertEquals(List.of("../results.json"), summaryLinks(renderer.render(List.of(results), results.resolve("report"))),
        "convbench run: the summary in the results directory, the report in report/ below it");

    Path beside = Files.createDirectories(tmp.resolve("published"));
    Files.writeString(beside.resolve("results.json"), "{}");
    assertEquals(List.of("results.json"), summaryLinks(renderer.render(List.of(results), beside)),
        "convbench report: the summary beside the report comes first");
  }

  private static List<String> summaryLinks(Path index) throws IOException {
    return ReportDocument.read(index).byId("footer").select("a").eachAttr("href");
  }

  @Test
  void warnsProminentlyAboutPartialData() throws IOException {
    Path results = tmp.resolve("results");
    ResultsFixture.complete(new ResultStore(results), ResultsFixture.spec("cnn", "baseline-cnn", 1),
        ResultsFixture.info(1_250_000, true), new double[] {0.3, 0.4}, 5);

    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    String warning = section(html, "partial-data");
    assertTrue(warning.contains("data_batch_1.bin: 5,000 records"), warning);
    assertTrue(warning.contains("test_batch.bin: 2,000 records"), warning);
    assertTrue(html.indexOf("id=\"partial-data\"") < html.indexOf("id=\"summary\""), "before the results");
  }

  @Test
  void numbersDoNotDependOnTheDefaultLocale() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "exp", "d");
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    String html;
    try {
      html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));
    } finally {
      Locale.setDefault(saved);
    }
    assertTrue(summaryRow(html, "cnn").contains("82.00 ± 2.83 %"));
  }

  @Test
  void rendersAnExperimentWhoseRunsHaveNoEpochYet() throws IOException {
    Path results = tmp.resolve("results");
    new ResultStore(results).start(ResultsFixture.spec("cnn", "baseline-cnn", 1), ResultsFixture.info(1, false))
        .close();

    String html = Files.readString(renderer.render(List.of(results), tmp.resolve("report")));

    assertTrue(html.contains("No run has recorded an epoch yet."));
    assertTrue(html.contains("1 running"));
  }

  @Test
  void isFoundByServiceLoader() {
    List<ReportRenderer> found = ServiceLoader.load(ReportRenderer.class).stream().map(ServiceLoader.Provider::get)
        .toList();
    assertTrue(found.stream().anyMatch(r -> r instanceof HtmlReportRenderer), found.toString());
  }

  /** The summary table row of a cell. */
  /** The text of a cell's summary row, as a reader sees it (values are split into spans where lines may break). */
  private static String summaryRow(String html, String label) {
    String summary = section(html, "summary");
    int at = summary.indexOf(">" + label + "</a>");
    assertTrue(at >= 0, "row for " + label);
    return Jsoup.parseBodyFragment("<table>" + summary.substring(summary.lastIndexOf("<tr>", at),
        summary.indexOf("</tr>", at)) + "</tr></table>").text();
  }

  /** The content of the section with the given id. */
  private static String section(String html, String id) {
    int start = html.indexOf("id=\"" + id + "\"");
    assertTrue(start >= 0, "section " + id);
    return html.substring(start, html.indexOf("</section>", start));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
