package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convbench.report.ReportDocument;
import dev.convbench.report.StoredRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole product through its CLI: YAML → training on CIFAR-format files → results → HTML report. */
class EndToEndTest {

  @TempDir
  static Path work;

  static Path data;

  @BeforeAll
  static void writeData() throws IOException {
    data = CifarFiles.write(work.resolve("cifar"), 60, 3);
  }

  static Path experiment(String name, String body) throws IOException {
    Path file = work.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\n"
        + "dataset:\n  data-dir: " + data + "\n  allow-partial: true\n"
        + body);
    return file;
  }

  static JsonNode runJson(Path runDir) throws IOException {
    return new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
  }

  static List<Path> runDirs(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> Files.exists(p.resolve("run.json"))).sorted().toList();
    }
  }

  @Test
  void twoArchitecturesTwoSeedsProduceResultsAndAReport() throws IOException {
    Path file = experiment("two-by-two", """
        defaults:
          epochs: 2
          batch-size: 50
          log-every-steps: 2
        matrix:
          architecture: [baseline-cnn, resnet18]
        seeds: [1, 2]
        """);
    Path out = work.resolve("out-two");
    Cli.Result r = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());

    List<Path> runs = runDirs(out);
    assertEquals(4, runs.size(), runs.toString());
    for (Path run : runs) {
      JsonNode json = runJson(run);
      assertEquals("completed", json.path("status").asText(), json.toString());
      List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
      assertEquals(1 + 2, metrics.size(), "header + one row per epoch: " + metrics);
    }
    Path report = out.resolve("report/index.html");
    assertEquals(report.toString(), r.out().strip());
    Files.copy(report, Files.createDirectories(Path.of(System.getProperty("convbench.e2eReportDir", work.resolve(
        "e2e-report").toString()))).resolve("index.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    ReportDocument page = ReportDocument.read(report);
    List<StoredRuns.Run> stored = StoredRuns.read(out);
    Map<String, Double> means = StoredRuns.meanFinalAccuracy(stored);
    assertEquals(Set.of("baseline-cnn", "resnet18"), means.keySet(), "a cell per architecture");
    Map<String, Map<String, Element>> summary = page.rowsByCell("summary");
    assertEquals(means.keySet(), summary.keySet());
    means.forEach((cell, mean) -> {
      assertEquals(mean, ReportDocument.sortKey(summary.get(cell).get("Final test accuracy")), 1e-9, cell);
      assertEquals("2 completed", summary.get(cell).get("Status").text(), cell);
    });
    Map<String, String> listed = new TreeMap<>();
    page.rows("runs").forEach(row -> listed.put(row.get("Run").text(), row.get("Status").text()));
    assertEquals(Map.of("baseline-cnn__s1", "completed", "baseline-cnn__s2", "completed", "resnet18__s1",
        "completed", "resnet18__s2", "completed"), listed);
    for (String section : page.contentsTargets()) {
      page.byId(section);
    }
    for (String chart : page.selfCheckIds("charts")) {
      assertTrue(page.chart(chart).childrenSize() > 0, chart);
    }
    assertEquals(Map.of("baseline-cnn", 2, "resnet18", 2), ReportDocument.legend(page.chart("chart-accuracy-epoch")),
        "one curve per architecture over its two seeds");

    assertEquals(out.resolve("results.json"), summaryLinkedFrom(report), "run: the results directory's summary");
    Path separate = work.resolve("report-two");
    Cli.Result again = Cli.run(work, "report", out.toString(), "--out", separate.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(separate.resolve("results.json"), summaryLinkedFrom(separate.resolve("index.html")),
        "report: the summary written beside it");
  }

  /** The file the report's footer links as its machine-readable summary; fails unless that file exists. */
  private static Path summaryLinkedFrom(Path report) throws IOException {
    Element link = ReportDocument.read(report).byId("footer").selectFirst("a[href$=results.json]");
    assertTrue(link != null, "a link to results.json in the footer");
    Path linked = report.getParent().resolve(link.attr("href")).normalize();
    assertTrue(Files.isRegularFile(linked), "the linked summary exists: " + linked);
    return linked;
  }

  @Test
  void aCrashingPluginFailsOnlyItsOwnRuns() throws IOException {
    Path file = experiment("with-crash", """
        defaults: {epochs: 1, batch-size: 50}
        matrix:
          architecture: [crashing-fixture, baseline-cnn]
        """);
    Path out = work.resolve("out-crash");
    Cli.Result r = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(3, r.exitCode(), r.err());
    Map<String, String> statuses = new TreeMap<>();
    StoredRuns.read(out).forEach(run -> statuses.put(run.label(), run.status()));
    assertEquals(Map.of("crashing-fixture", "failed", "baseline-cnn", "completed"), statuses);
    ReportDocument page = ReportDocument.read(out.resolve("report/index.html"));
    Map<String, Element> crashed = page.rows("runs").stream()
        .filter(row -> row.get("Run").text().startsWith("crashing-fixture")).findFirst().orElseThrow();
    assertEquals("failed", crashed.get("Status").text());
    // The message itself, not the stack trace folded beneath it, must say why.
    String message = crashed.get("Message").ownText();
    assertTrue(message.contains("this plugin always crashes"), message);
  }

  @Test
  void aBrokenExperimentFileGetsLineNumberedErrorsAndExitCode2() throws IOException {
    Path file = work.resolve("broken.yaml");
    Files.writeString(file, "name: broken\ndefaults:\n  epoch: 3\nmatrix:\n  architecture: [resnet-18]\n");
    Cli.Result r = Cli.run(work, "validate", file.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(file + ":3:3:"), r.err());
    assertTrue(r.err().contains("epochs"), "suggests the nearest key: " + r.err());
    assertTrue(r.err().contains(file + ":5:18:") || r.err().contains(file + ":5:17:"), r.err());
    assertTrue(r.err().contains("resnet18"), "lists available architectures: " + r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void listAndDescribeShowTheBuiltIns() {
    Cli.Result list = Cli.run(work, "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("baseline-cnn") && list.out().contains("62,006"), list.out());
    assertTrue(list.out().contains("resnet18") && list.out().contains("11,173,962"), list.out());
    Cli.Result describe = Cli.run(work, "describe", "resnet18");
    assertEquals(0, describe.exitCode(), describe.err());
    assertTrue(describe.out().contains("layer4/block2/conv2"), describe.out());
    assertTrue(describe.out().contains("total trainable parameters: 11,173,962"), describe.out());
    Cli.Result json = Cli.run(work, "describe", "baseline-cnn", "--json");
    assertTrue(json.out().contains("\"parameters\" : 62006"), json.out());
  }

  @Test
  void dataVerifyNamesABadFile() throws IOException {
    Cli.Result ok = Cli.run(work, "data", "verify", "--data-dir", data.toString());
    assertEquals(0, ok.exitCode(), ok.err());
    assertTrue(ok.out().contains("PARTIAL"), ok.out());
    Path broken = CifarFiles.write(work.resolve("broken-cifar"), 20, 1);
    Files.write(broken.resolve("data_batch_3.bin"), new byte[3073 * 2 + 100]);
    Cli.Result bad = Cli.run(work, "data", "verify", "--data-dir", broken.toString());
    assertEquals(2, bad.exitCode(), bad.out() + bad.err());
    assertTrue(bad.out().contains("data_batch_3.bin"), bad.out());
  }

  @Test
  void helpAndUsageErrors() {
    Cli.Result help = Cli.run(work, "--help");
    assertEquals(0, help.exitCode());
    for (String command : List.of("run", "validate", "list", "describe", "report", "data", "bench")) {
      assertTrue(help.out().contains(command), command + " in --help: " + help.out());
    }
    assertTrue(help.out().contains("Exit codes"), help.out());
    assertEquals(2, Cli.run(work, "frobnicate").exitCode());
    assertEquals(2, Cli.run(work, "run").exitCode(), "missing FILE");
    Cli.Result unknown = Cli.run(work, "describe", "resnet-18");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("available:") && unknown.err().contains("baseline-cnn"), unknown.err());
  }

  @Test
  void deviceOnTheCommandLineOverridesTheFileAndRunJsonRecordsBoth() throws IOException {
    Path file = experiment("on-cpu", """
        device: gpu
        defaults: {epochs: 1, batch-size: 50}
        matrix: {architecture: [baseline-cnn]}
        """);
    Cli.Result r = Cli.run(work, "run", file.toString(), "--out", "on-cpu", "--no-report", "--device", "cpu");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode environment = runJson(runDirs(work.resolve("on-cpu")).get(0)).path("environment");
    assertEquals("cpu", environment.path("requestedDevice").asText(), environment.toString());
    assertEquals("CPU", environment.path("device").asText(), environment.toString());
  }

  @Test
  void reportMergesResultDirectories() throws IOException {
    Path file = experiment("merge-a", "defaults: {epochs: 1, batch-size: 50}\nmatrix: {architecture: [baseline-cnn]}\n");
    Path other = experiment("merge-b", """
        defaults: {epochs: 1, batch-size: 50}
        matrix: {architecture: [baseline-cnn]}
        seeds: [2]
        """);
    assertEquals(0, Cli.run(work, "run", file.toString(), "--out", "merge-a", "--no-report").exitCode());
    assertEquals(0, Cli.run(work, "run", other.toString(), "--out", "merge-b", "--no-report").exitCode());
    Cli.Result refused = Cli.run(work, "report", "merge-a", "merge-b", "--out", "merged");
    assertEquals(2, refused.exitCode(), "two experiment definitions are not one matrix: " + refused.err());
    assertTrue(refused.err().contains("pass --allow-mixed"), refused.err());
    assertTrue(!Files.exists(work.resolve("merged")), "nothing written");
    Cli.Result report = Cli.run(work, "report", "merge-a", "merge-b", "--out", "merged", "--allow-mixed");
    assertEquals(0, report.exitCode(), report.err());
    List<String> listed = ReportDocument.read(work.resolve("merged/index.html")).rows("runs").stream()
        .map(row -> row.get("Run").text()).sorted().toList();
    assertEquals(List.of("baseline-cnn__s1", "baseline-cnn__s2"), listed, "both directories' runs");
  }

  @Test
  void missingDataFailsBeforeAnythingIsWritten() throws IOException {
    Path file = work.resolve("no-data.yaml");
    Files.writeString(file, "name: no-data\ndataset: {data-dir: " + work.resolve("nowhere") + "}\n"
        + "defaults: {epochs: 1, batch-size: 50}\nmatrix: {architecture: [baseline-cnn]}\n");
    Path out = work.resolve("out-no-data");
    Cli.Result r = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("nowhere"), "names the directory: " + r.err());
    assertTrue(!Files.exists(out), "no results directory left to block the next attempt");
  }
}
