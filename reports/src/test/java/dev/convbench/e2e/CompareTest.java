package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convbench compare} on results trained through the real CLI: the same network with Adam at a working
 * learning rate and at one too small to learn anything in two epochs, three seeds each (two leave Welch's test one
 * degree of freedom when a side has no spread), on 500 generated CIFAR-format training images.
 */
class CompareTest {

  @TempDir
  static Path work;

  static Path learns;
  static Path stalls;

  @BeforeAll
  static void train() throws IOException {
    Path data = CifarFiles.write(work.resolve("cifar"), 100, 3);
    learns = train(data, "lr-0.003", 0.003);
    stalls = train(data, "lr-1e-6", 1e-6);
  }

  private static Path train(Path data, String name, double lr) throws IOException {
    Path file = work.resolve(name + ".yaml");
    Files.writeString(file, "name: " + name + "\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults:\n  epochs: 2\n  batch-size: 20\n  optimizer: {type: adam, lr: " + lr + "}\n"
        + "  schedule: {type: constant}\n"
        + "  target-accuracy: 50%\nmatrix:\n  architecture: [baseline-cnn]\nseeds: [1, 2, 3]\n");
    Path out = work.resolve(name);
    Cli.Result r = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, r.exitCode(), r.err());
    return out;
  }

  @Test
  void aLearningRateTooSmallToLearnFailsTheAccuracyGate() throws IOException {
    Cli.Result r = Cli.run(work, "compare", learns.toString(), stalls.toString(), "--fail-on", "accuracy-drop=5pp",
        "--fail-on", "time-to-target=+20%", "--out", "cmp");
    assertEquals(4, r.exitCode(), r.out() + r.err());
    JsonNode json = new ObjectMapper().readTree(work.resolve("cmp/comparison.json").toFile());
    JsonNode accuracy = json.path("cells").get(0).path("metrics").get(0);
    assertEquals("finalAccuracy", accuracy.path("name").asText());
    assertTrue(accuracy.path("change").asDouble() <= -5, accuracy.toString());
    assertEquals("worse", accuracy.path("verdict").asText(), accuracy.toString());
    assertEquals("failed", json.path("verdict").asText());

    String markdown = Files.readString(work.resolve("cmp/comparison.md"));
    assertTrue(markdown.startsWith("## convbench compare: ❌ gate failed\n"), markdown);
    assertTrue(markdown.contains("- **Base:** lr-0.003: 1 cell, 3 runs, on "), markdown);
    assertTrue(markdown.contains("- **New:** lr-1e-6: 1 cell, 3 runs, on "), markdown);
    assertTrue(markdown.contains("The experiment definitions differ"), markdown);
    assertTrue(markdown.contains("| cell | final accuracy | time to target | verdict |"), markdown);
    String row = markdown.lines().filter(l -> l.startsWith("| baseline-cnn |")).findFirst().orElseThrow();
    assertTrue(row.contains("**worse**") && row.contains("❌ `accuracy-drop=5pp`"), row);
    assertTrue(row.contains("`time-to-target=+20%` (no run reached the target on new)"), row);
    assertTrue(r.err().startsWith("compare: FAILED accuracy-drop=5pp on baseline-cnn, time-to-target=+20% on "
        + "baseline-cnn;"), r.err());
  }

  @Test
  void resultsComparedWithThemselvesPassEveryGate() {
    Cli.Result r = Cli.run(work, "compare", learns.toString(), learns.resolve("results.json").toString(),
        "--fail-on", "accuracy-drop=0pp", "--fail-on", "step-time=+0%", "--allow-underpowered",
        "--markdown", "same.md");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertTrue(r.err().startsWith("compare: passed accuracy-drop=0pp, step-time=+0%"), r.err());
  }

  @Test
  void aResultsDirectoryWithoutItsSummaryIsSummarisedFromItsRuns() throws IOException {
    Path copy = work.resolve("no-summary");
    Cli.Result report = Cli.run(work, "report", stalls.toString(), "--out", "stalls-report");
    assertEquals(0, report.exitCode(), report.err());
    copyRuns(stalls, copy);
    Files.delete(copy.resolve("results.json"));
    Cli.Result fromRuns = Cli.run(work, "compare", learns.toString(), copy.toString(), "--markdown", "a.md");
    Cli.Result fromReport = Cli.run(work, "compare", learns.toString(), "stalls-report", "--markdown", "b.md");
    assertEquals(0, fromRuns.exitCode(), fromRuns.err());
    assertEquals(0, fromReport.exitCode(), fromReport.err());
    assertEquals(table(fromReport.out()), table(fromRuns.out()), "the same numbers from the runs as from the report");
  }

  /** The output without its first two lines, which name where each side was read. */
  private static List<String> table(String out) {
    List<String> lines = out.lines().toList();
    return lines.subList(2, lines.size());
  }

  private static void copyRuns(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
