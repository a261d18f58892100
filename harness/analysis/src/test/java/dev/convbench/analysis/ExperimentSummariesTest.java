package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.ResultsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results.json summary, built from a real results directory: the format-3 fixture written by an earlier release
 * (one run of baseline-cnn), with two more seeds made from it by editing the seed and the test accuracy.
 */
class ExperimentSummariesTest {

  private static final Path FIXTURE = Path.of("../results/src/test/resources/format-3");
  private static final ResultsJson JSON = new ResultsJson();

  @TempDir
  Path dir;

  @Test
  void aCellsMetricsCarryTheMeanTheTIntervalAndTheRunValues() throws IOException {
    Path results = threeSeeds();
    ExperimentSummary summary = ExperimentSummaries.of(new ResultsReader(w -> {}).read(results));

    assertEquals("format3-fixture", summary.experiment());
    assertEquals(1, summary.cells().size());
    CellResult cell = summary.cells().get(0);
    assertEquals("baseline-cnn", cell.label());
    assertEquals(List.of(1L, 2L, 3L), cell.runs().stream().map(CellResult.RunEntry::seed).toList());
    MetricResult accuracy = cell.primaryMetric();
    assertEquals(MetricResult.FINAL_ACCURACY, accuracy.name());
    assertEquals(3, accuracy.n());
    // Reference: NumPy/SciPy 1.17.1 on [0.1, 0.1375, 0.12]: mean, std(ddof=1), t.ppf(0.975, 2) · std / √3.
    assertEquals(0.11916666666666668, accuracy.score(), 1e-12);
    assertEquals(0.018763883748662842, accuracy.std(), 1e-12);
    assertEquals(0.046612071238952515, accuracy.scoreError(), 1e-9);
    assertEquals(0.07255459542771417, accuracy.scoreConfidence().get(0), 1e-9);
    assertEquals(0.1657787379056192, accuracy.scoreConfidence().get(1), 1e-9);
    assertEquals(List.of(0.1, 0.1375, 0.12), accuracy.values().stream().map(MetricResult.Value::value).toList());
    assertEquals(List.of("baseline-cnn__s1", "baseline-cnn__s2", "baseline-cnn__s3"),
        accuracy.values().stream().map(MetricResult.Value::runId).toList());
    // One epoch: the step time is the batch (32) over that epoch's throughput.
    assertEquals(32 / 338.7143500213724, cell.metric(MetricResult.STEP_SECONDS).orElseThrow().values().get(0)
        .value(), 1e-12);
    // The target (15 %) was never reached: no time-to-target metric rather than an empty one.
    assertFalse(cell.metric(MetricResult.SECONDS_TO_TARGET).isPresent());
    assertEquals(0.15, cell.targetAccuracy(), 1e-12);
  }

  @Test
  void aSingleRunHasAScoreButNoSpreadOrInterval() throws IOException {
    ExperimentSummary summary = ExperimentSummaries.of(new ResultsReader(w -> {}).read(copyFixture()));
    MetricResult accuracy = summary.cells().get(0).primaryMetric();
    assertEquals(1, accuracy.n());
    assertEquals(0.1, accuracy.score(), 0);
    assertNull(accuracy.std());
    assertNull(accuracy.scoreError());
    assertTrue(accuracy.scoreConfidence().isEmpty());
  }

  @Test
  void writtenSummariesReadBackEqual() throws IOException {
    ExperimentSummary summary = ExperimentSummaries.of(new ResultsReader(w -> {}).read(threeSeeds()));
    Path file = dir.resolve("results.json");
    ExperimentSummaries.write(summary, file);
    assertEquals(summary, ExperimentSummaries.read(file));
  }

  @Test
  void filesThatAreNotSummariesAreRefusedNamingTheFile() throws IOException {
    Path missing = dir.resolve("nothing.json");
    assertEquals(missing + ": no such file",
        assertThrows(IOException.class, () -> ExperimentSummaries.read(missing)).getMessage());

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"convbench-res", StandardCharsets.UTF_8);
    assertTrue(assertThrows(IOException.class, () -> ExperimentSummaries.read(broken)).getMessage()
        .startsWith(broken + ": not a results summary"));

    Path manifest = FIXTURE.resolve("experiment.json");
    assertTrue(assertThrows(IOException.class, () -> ExperimentSummaries.read(manifest)).getMessage()
        .contains("not a convbench results summary"));

    ExperimentSummary summary = ExperimentSummaries.of(new ResultsReader(w -> {}).read(copyFixture()));
    Path newer = dir.resolve("newer.json");
    ObjectNode tree = (ObjectNode) JSON.roundTripTree(summary);
    tree.put("formatVersion", ExperimentSummary.FORMAT_VERSION + 1);
    Files.write(newer, JSON.write(tree));
    assertEquals(newer + ": written in results format version 2, this convbench reads up to 1; use a newer convbench",
        assertThrows(IOException.class, () -> ExperimentSummaries.read(newer)).getMessage());
  }

  private Path copyFixture() throws IOException {
    Path target = dir.resolve("fixture");
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path source : files.toList()) {
        Path copy = target.resolve(FIXTURE.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(source, copy);
        }
      }
    }
    return target;
  }

  /** The fixture with seeds 2 and 3 added: copies of its run with another seed and final test accuracy. */
  private Path threeSeeds() throws IOException {
    Path results = copyFixture();
    Path original = results.resolve("baseline-cnn__s1");
    List<String> ids = new ArrayList<>(List.of("baseline-cnn__s1"));
    double[] accuracies = {0.1375, 0.12};
    for (int seed = 2; seed <= 3; seed++) {
      String id = "baseline-cnn__s" + seed;
      Path run = Files.createDirectories(results.resolve(id));
      ObjectNode record = (ObjectNode) JSON.readTree(original.resolve("run.json"));
      record.put("runId", id);
      ((ObjectNode) record.get("spec")).put("runId", id).put("seed", seed);
      Files.write(run.resolve("run.json"), JSON.write(record));
      List<String> metrics = Files.readAllLines(original.resolve("metrics.csv"));
      String[] header = metrics.get(0).split(",");
      String[] row = metrics.get(1).split(",");
      row[List.of(header).indexOf("test_accuracy")] = Double.toString(accuracies[seed - 2]);
      Files.write(run.resolve("metrics.csv"), List.of(metrics.get(0), String.join(",", row)));
      ids.add(id);
    }
    ObjectNode manifest = (ObjectNode) JSON.readTree(results.resolve("experiment.json"));
    manifest.putArray("runIds").addAll(ids.stream().map(com.fasterxml.jackson.databind.node.TextNode::valueOf)
        .toList());
    Files.write(results.resolve("experiment.json"), JSON.write(manifest));
    return results;
  }
}
