package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convbench.report.ReportDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results directory written by the release before the results format became its own module (format 3, the
 * fixture of {@code harness/results/src/test/resources/format-3}, its {@code experiment.yaml} included): the CLI
 * still plans its finished run as done — the run's identity is unchanged, so it would not be trained again — and
 * reports it.
 */
class PreviousFormatResultsTest {

  /** Maven runs each module's tests in the module's directory. */
  private static final Path FIXTURE = Path.of("../harness/results/src/test/resources/format-3");

  @TempDir
  Path work;

  Path results;

  @BeforeEach
  void copyFixture() throws IOException {
    results = work.resolve("format-3");
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path from : files.toList()) {
        Path to = results.resolve(FIXTURE.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
  }

  @Test
  void itsFinishedRunIsPlannedAsDone() throws IOException {
    Cli.Result plan = Cli.run(work, "plan", results.resolve("experiment.yaml").toString(), "--out",
        results.toString(), "--json");

    assertEquals(0, plan.exitCode(), plan.err());
    JsonNode runs = new ObjectMapper().readTree(plan.out()).path("runs");
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("baseline-cnn__s1", runs.get(0).path("id").asText());
    assertEquals("done", runs.get(0).path("status").asText(), runs.toString());
  }

  @Test
  void itReportsTheRunAsItWasRecorded() throws IOException {
    Cli.Result report = Cli.run(work, "report", results.toString(), "--out", "report");

    assertEquals(0, report.exitCode(), report.err());
    ReportDocument page = ReportDocument.read(work.resolve("report/index.html"));
    assertNull(page.document().getElementById("warnings"), "nothing to warn about reading it");
    List<Map<String, Element>> rows = page.rows("runs");
    assertEquals(1, rows.size());
    Map<String, Element> run = rows.get(0);
    assertEquals("baseline-cnn__s1", run.get("Run").text());
    assertEquals("completed", run.get("Status").text());
    assertEquals("1", run.get("Epochs").text());
    assertEquals("10.00 %", run.get("Final test accuracy").text());
    assertEquals("339", run.get("Images/s").text());
  }
}
