package dev.convbench.cli;

import static dev.convbench.cli.SummaryFixture.cell;
import static dev.convbench.cli.SummaryFixture.summary;
import static dev.convbench.cli.SummaryFixture.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convbench compare} through the real command line on summaries with chosen values: exit codes 0, 4 and 2,
 * what it prints and writes. The numbers' correctness against SciPy is {@code SummaryComparisonTest}'s.
 */
class CompareCommandTest {

  @TempDir
  Path work;

  record Result(int exitCode, String out, String err) {}

  private Result compare(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      List<String> line = new ArrayList<>(List.of("compare"));
      line.addAll(List.of(args));
      int code = Main.execute(new CommandContext(o, e, Map.of(), work, false), line.toArray(String[]::new));
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  private Path write(String name, ExperimentSummary summary) throws IOException {
    Path file = work.resolve(name + ".json");
    ExperimentSummaries.write(summary, file);
    return file;
  }

  /**
   * Base: accuracy 61.5 %; new: 4 points lower (p = 0.0047, Holm-adjusted over the 2 cells 0.0093), step time 12 %
   * longer (p = 0.0038, the only cell with step times).
   */
  private Path[] droppedAccuracy() throws IOException {
    return new Path[] {
        write("base", summary("lr-0.05", cell("baseline-cnn", v(0.60, 0.62, 0.61, 0.63), MetricResult.STEP_SECONDS,
            v(0.040, 0.041, 0.042)), cell("lenet5", v(0.50, 0.55)), cell("resnet18", v(0.7, 0.71)))),
        write("new", summary("lr-0.01", cell("baseline-cnn", v(0.57, 0.58, 0.56, 0.59), MetricResult.STEP_SECONDS,
            v(0.046, 0.047, 0.045)), cell("lenet5", v(0.52, 0.51)), cell("vgg11", v(0.6, 0.61))))};
  }

  @Test
  void withoutGatesItPrintsTheTableAndExitsZeroWhateverChanged() throws IOException {
    Path[] sides = droppedAccuracy();
    Result r = compare(sides[0].toString(), sides[1].toString());
    assertEquals(ExitCode.OK, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("base: lr-0.05 (3 cells, 8 runs; " + sides[0]), lines.get(0));
    String accuracy = lines.stream().filter(l -> l.startsWith("baseline-cnn")).findFirst().orElseThrow();
    assertEquals(List.of("baseline-cnn", "final", "accuracy", "61.50", "%", "(n=4)", "57.50", "%", "(n=4)", "-4.00",
        "pp", "[-6.23,", "-1.77]", "pp", "0.0093", "-2.69", "worse"), List.of(accuracy.split("\\s+")));
    String stepTime = lines.get(lines.indexOf(accuracy) + 1);
    assertTrue(stepTime.matches("\\s+step time\\s+41\\.0 ms \\(n=3\\)\\s+46\\.0 ms \\(n=3\\)\\s+\\+12\\.2 %\\s+"
        + "\\[\\+6\\.4, \\+18\\.3\\] %\\s+0\\.0038\\s+\\+3\\.99\\s+worse"), stepTime);
    assertTrue(r.out().contains("only in base (not compared): resnet18\n"), r.out());
    assertTrue(r.out().contains("only in new (not compared): vgg11\n"), r.out());
    assertEquals("compare: no gates; 2 cells compared, 3 metrics: 2 worse, 1 no significant change; 1 only "
        + "in base, 1 only in new", r.err().strip());
  }

  @Test
  void aSignificantDropPastTheGateExitsFourAndWritesMarkdownAndJson() throws IOException {
    Path[] sides = droppedAccuracy();
    Path out = work.resolve("cmp");
    Result r = compare(sides[0].toString(), sides[1].toString(), "--fail-on", "accuracy-drop=1pp", "--out",
        out.toString(), "--markdown", "summary/pr.md", "--base-name", "main @ 1a2b3c4");
    assertEquals(ExitCode.GATE_FAILED, r.exitCode(), r.err());
    assertEquals("compare: FAILED accuracy-drop=1pp on baseline-cnn; 2 cells compared, 3 metrics: 2 worse, 1 no "
        + "significant change; 1 only in base, 1 only in new", r.err().strip());
    assertTrue(r.out().contains("gate accuracy-drop=1pp failed on baseline-cnn: -4.00 pp, adjusted p = 0.0093 (p = "
        + "0.0047): at least 1 pp and significant\n"), r.out());

    String markdown = Files.readString(out.resolve("comparison.md"));
    assertEquals(markdown, Files.readString(work.resolve("summary/pr.md")));
    assertTrue(markdown.startsWith("## convbench compare: ❌ gate failed\n"), markdown);
    assertTrue(markdown.contains("- **Base:** main @ 1a2b3c4 (experiment lr-0.05): 3 cells, 8 runs"), markdown);
    assertTrue(markdown.contains("**Gates:** `accuracy-drop=1pp` **failed** on 1 of 2 cells (baseline-cnn)."),
        markdown);
    assertTrue(markdown.contains("| cell | final accuracy | verdict |\n"), markdown);
    assertTrue(markdown.contains("| baseline-cnn | 61.50 % → 57.50 %, -4.00 pp, **worse** | ❌ `accuracy-drop=1pp` "
        + "(-4.00 pp, adjusted p = 0.0093 (p = 0.0047): at least 1 pp and significant) |\n"), markdown);
    assertTrue(markdown.contains("| lenet5 | 52.50 % → 51.50 %, -1.00 pp, no significant change | ✅ passed |\n"),
        markdown);
    assertTrue(markdown.contains("Only in base, not compared: resnet18."), markdown);
    assertTrue(markdown.contains("significant** when p < 0.05"), markdown);
    assertTrue(markdown.contains("<details><summary><b>baseline-cnn</b>: 2 worse</summary>"), markdown);

    JsonNode json = new ObjectMapper().readTree(out.resolve("comparison.json").toFile());
    assertEquals("convbench-comparison", json.path("format").asText());
    assertEquals(1, json.path("formatVersion").asInt());
    assertEquals("failed", json.path("verdict").asText());
    assertEquals("main @ 1a2b3c4", json.path("base").path("name").asText());
    assertEquals("lr-0.01", json.path("new").path("experiment").asText());
    JsonNode accuracy = json.path("cells").get(0).path("metrics").get(0);
    assertEquals("finalAccuracy", accuracy.path("name").asText());
    assertEquals(-4.0, accuracy.path("change").asDouble(), 1e-9);
    assertEquals("percentage points", accuracy.path("changeUnit").asText());
    assertEquals(0.004659214943993894, accuracy.path("p").asDouble(), 1e-9);
    assertEquals("worse", accuracy.path("verdict").asText());
    assertEquals("failed", json.path("gateChecks").get(0).path("outcome").asText());
    assertEquals("[\"vgg11\"]", json.path("onlyInNew").toString());
  }

  @Test
  void gatesThatHoldExitZeroAndSizesBeyondTheChangeHold() throws IOException {
    Path[] sides = droppedAccuracy();
    Result r = compare(sides[0].toString(), sides[1].toString(), "--fail-on", "accuracy-drop=5pp", "--fail-on",
        "step-time=+15%");
    assertEquals(ExitCode.OK, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("compare: passed accuracy-drop=5pp, step-time=+15%;"), r.err());
    assertEquals(ExitCode.GATE_FAILED, compare(sides[0].toString(), sides[1].toString(), "--fail-on",
        "accuracy-drop=5pp", "--fail-on", "step-time=+10%").exitCode());
  }

  @Test
  void tooFewSeedsFailAGateUnlessUnderpoweredComparisonsAreAllowed() throws IOException {
    Path base = write("one-seed-base", summary("e", cell("x", v(0.60))));
    Path candidate = write("one-seed-new", summary("e", cell("x", v(0.50, 0.52))));
    Result strict = compare(base.toString(), candidate.toString(), "--fail-on", "accuracy-drop=1pp");
    assertEquals(ExitCode.GATE_FAILED, strict.exitCode(), strict.err());
    assertTrue(strict.out().contains("gate accuracy-drop=1pp failed on x: cannot test: n=1 on base "
        + "(--allow-underpowered accepts it)"), strict.out());

    Result allowed = compare(base.toString(), candidate.toString(), "--fail-on", "accuracy-drop=1pp",
        "--allow-underpowered", "--markdown", "m.md", "--out", "under");
    assertEquals(ExitCode.OK, allowed.exitCode(), allowed.err());
    JsonNode json = new ObjectMapper().readTree(work.resolve("under/comparison.json").toFile());
    JsonNode accuracy = json.path("cells").get(0).path("metrics").get(0);
    assertTrue(accuracy.path("p").isNull() && accuracy.path("hedgesG").isNull(), "untested: " + accuracy);
    assertEquals(-9.0, accuracy.path("change").asDouble(), 1e-9, "the change is shown all the same");
    assertEquals("[]", accuracy.path("changeInterval").toString());
    assertEquals("cannot test", accuracy.path("verdict").asText());
    assertEquals("n=1 on base", accuracy.path("reason").asText());
    assertEquals("untested", json.path("gateChecks").get(0).path("outcome").asText());
    assertEquals("passed", json.path("verdict").asText());
    assertEquals("compare: passed accuracy-drop=1pp (1 untested); 1 cell compared, 1 metric: 1 cannot test",
        allowed.err().strip());
    assertTrue(Files.readString(work.resolve("m.md")).contains(
        "| x | 60.00 % → 51.00 %, -9.00 pp, cannot test: n=1 on base | ⚠️ `accuracy-drop=1pp` untested (cannot test: "
            + "n=1 on base) |"), Files.readString(work.resolve("m.md")));
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws IOException {
    Path[] sides = droppedAccuracy();
    Result gate = compare(sides[0].toString(), sides[1].toString(), "--fail-on", "accuracy=1pp");
    assertEquals(2, gate.exitCode());
    assertTrue(gate.err().contains("'accuracy=1pp' is not a gate; valid gates: accuracy-drop=Npp, step-time=+N%, "
        + "time-to-target=+N%"), gate.err());

    Path broken = work.resolve("broken.json");
    Files.writeString(broken, "{\"format\": \"convbench-results\", \"cells\": [");
    assertOneLineError(compare(broken.toString(), sides[1].toString()), "error: BASE " + broken
        + ": not a results summary (");

    Path runJson = work.resolve("run.json");
    Files.writeString(runJson, "{\"runId\": \"x\", \"status\": \"completed\"}");
    assertOneLineError(compare(sides[0].toString(), runJson.toString()), "error: NEW " + runJson
        + ": not a convbench results summary (no \"format\": \"convbench-results\"); give a results.json written by "
        + "convbench, or rebuild it with 'convbench report RESULTS_DIR'");

    Path newer = work.resolve("newer.json");
    Files.writeString(newer, Files.readString(sides[1]).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"));
    assertOneLineError(compare(sides[0].toString(), newer.toString()), "error: NEW " + newer
        + ": written in results format version 7, this convbench reads up to 1; use a newer convbench");

    assertOneLineError(compare("nowhere", sides[1].toString()), "error: BASE " + work.resolve("nowhere")
        + ": no such file or directory; give a results.json, or a results or report directory");

    Path empty = Files.createDirectories(work.resolve("empty-results"));
    assertOneLineError(compare(sides[0].toString(), empty.toString()), "error: NEW " + empty + ": no results.json "
        + "and no runs in this directory; give a results directory written by 'run', a report directory, or a "
        + "results.json");

    Path other = write("other", summary("other", cell("unrelated", v(0.5, 0.6))));
    assertOneLineError(compare(sides[0].toString(), other.toString()), "error: BASE and NEW have no cell label in "
        + "common (base: baseline-cnn, lenet5, resnet18; new: unrelated): nothing to compare; give results of the "
        + "same experiment");
  }

  private static void assertOneLineError(Result r, String start) {
    assertEquals(ExitCode.INVALID_INPUT, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(start), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void aDirectoryHoldingResultsJsonIsReadLikeTheFile() throws IOException {
    Path[] sides = droppedAccuracy();
    Path dir = Files.createDirectories(work.resolve("report"));
    Files.copy(sides[1], dir.resolve("results.json"));
    Result r = compare(sides[0].toString(), dir.toString(), "--fail-on", "accuracy-drop=1pp");
    assertEquals(ExitCode.GATE_FAILED, r.exitCode(), r.err());
    assertTrue(r.out().contains("new:  lr-0.01 (3 cells, 8 runs; " + dir.resolve("results.json") + ")"), r.out());
  }

  @Test
  void aHundredCellsFitAPullRequestComment() throws IOException {
    List<CellResult> base = new ArrayList<>();
    List<CellResult> candidate = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String label = "architecture-" + i + " lr=0.05 batch-size=128 augmentation=standard";
      Object[] metrics = {MetricResult.BEST_ACCURACY, v(0.61, 0.63, 0.62), MetricResult.SECONDS_TO_TARGET,
          v(100, 110, 105), MetricResult.EPOCHS_TO_TARGET, v(3, 4, 3), MetricResult.STEP_SECONDS,
          v(0.040, 0.041, 0.042)};
      base.add(cell(label, v(0.60, 0.62, 0.61), metrics));
      candidate.add(cell(label, v(0.50 + i * 0.001, 0.52, 0.51), metrics));
    }
    Path a = write("many-base", summary("many", base.toArray(CellResult[]::new)));
    Path b = write("many-new", summary("many", candidate.toArray(CellResult[]::new)));
    Result r = compare(a.toString(), b.toString(), "--fail-on", "accuracy-drop=1pp", "--fail-on", "step-time=+10%",
        "--fail-on", "time-to-target=+10%", "--markdown", "many.md");
    assertEquals(ExitCode.GATE_FAILED, r.exitCode(), r.err());
    String markdown = Files.readString(work.resolve("many.md"));
    assertTrue(markdown.length() < 60_000, "GitHub's comment limit is 65,536 characters: " + markdown.length());
    assertEquals(100, markdown.lines().filter(l -> l.startsWith("| architecture-")).count(),
        "every cell has its headline row");
    assertTrue(markdown.contains("are left out to fit a comment; `comparison.json` (`--out`) holds them all."),
        markdown.substring(markdown.length() - 300));
  }
}
