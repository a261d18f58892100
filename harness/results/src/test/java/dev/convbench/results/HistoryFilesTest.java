package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFilesTest {

  @TempDir
  Path history;

  private static final Environment MACHINE = new Environment("2.16.2", "CPU", null, "Temurin 17", "Linux 6 (amd64)",
      "Xeon", 2, "auto");
  private static final HistoryEntry.Yardstick YARDSTICK = new HistoryEntry.Yardstick("baseline-cnn", 64, 30, "fp32",
      "CPU", "TensorFlow's default", 2, 16.0, 15.0, 18.0, 14.0, 40.0, 4000.0);

  private static MetricResult metric(String name, double... values) {
    List<MetricResult.Value> list = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      list.add(new MetricResult.Value("run-" + i, (long) i, values[i]));
    }
    double mean = java.util.Arrays.stream(values).average().orElseThrow();
    return new MetricResult(name, "unit", true, "mean", values.length, mean, values.length > 1 ? 0.5 : null,
        values.length > 1 ? 1.0 : null, values.length > 1 ? List.of(mean - 1, mean + 1) : List.of(), list);
  }

  private static ExperimentSummary summary(String experiment) {
    CellResult cell = new CellResult("lenet5", "lenet5", Map.of("architecture", "lenet5"), Map.of(), 62_000L, null,
        0.5, List.of(new CellResult.RunEntry("lenet5__s1", 1L, "completed"),
        new CellResult.RunEntry("lenet5__s2", 2L, "completed"), new CellResult.RunEntry("lenet5__s3", 3L, "failed")),
        metric(MetricResult.FINAL_ACCURACY, 0.6, 0.7), Map.of(
        MetricResult.IMAGES_PER_SECOND, metric(MetricResult.IMAGES_PER_SECOND, 1000, 3000),
        MetricResult.STEP_SECONDS, metric(MetricResult.STEP_SECONDS, 0.05, 0.03),
        MetricResult.EPOCHS_TO_TARGET, metric(MetricResult.EPOCHS_TO_TARGET, 3)));
    return new ExperimentSummary(ExperimentSummary.FORMAT, ExperimentSummary.FORMAT_VERSION, experiment, "d1",
        "2026-12-01T00:00:00Z", List.of(MACHINE), List.of(cell), List.of());
  }

  private static HistoryEntry entry(String experiment, String commit, String commitTime, String recordedAt) {
    return HistoryFiles.entry(summary(experiment), commit, "a label", "main", commitTime, YARDSTICK,
        Instant.parse(recordedAt));
  }

  @Test
  void anEntryKeepsEachCellsMetricsAndItsSpeedRelativeToTheYardstick() {
    HistoryEntry e = entry("quick", "0123456789abcdef", null, "2026-12-01T10:00:00Z");
    HistoryEntry.Cell cell = e.cells().get(0);

    assertEquals(2, cell.completedRuns(), "the failed run is not counted");
    MetricResult accuracy = summary("quick").cells().get(0).primaryMetric();
    assertEquals(accuracy.score(), cell.finalAccuracy().score());
    assertEquals(accuracy.scoreConfidence(), cell.finalAccuracy().interval(), "the interval as the summary has it");
    assertEquals(2000.0 / 4000.0, cell.relativeThroughput().score(), 1e-12);
    assertEquals(1999.0 / 4000.0, cell.relativeThroughput().interval().get(0), 1e-12);
    assertEquals(2001.0 / 4000.0, cell.relativeThroughput().interval().get(1), 1e-12);
    assertEquals(0.5 / 4000.0, cell.relativeThroughput().std(), 1e-12);
    assertEquals(1, cell.epochsToTarget().n());
    assertNull(cell.secondsToTarget(), "no run measured it: absent, not zero");
    assertEquals("0123456", e.shortCommit());
    assertEquals(List.of(MACHINE), e.machines());
  }

  @Test
  void withoutAYardstickThereIsNoRelativeSpeed() {
    HistoryEntry e = HistoryFiles.entry(summary("quick"), "abcdef1", null, null, null, null, Instant.EPOCH);
    assertNull(e.cells().get(0).relativeThroughput());
    assertEquals(2000.0, e.cells().get(0).imagesPerSecond().score(), 1e-9);
  }

  @Test
  void entriesAreWrittenAsNewFilesAndReadBackInCommitOrder() throws IOException {
    Path later = HistoryFiles.write(entry("quick", "bbbbbbb2", "2026-12-02T00:00:00Z", "2026-12-01T09:00:00Z"),
        history);
    Path earlier = HistoryFiles.write(entry("quick", "aaaaaaa1", "2026-12-01T00:00:00Z", "2026-12-01T10:00:00Z"),
        history);
    Path sameName = HistoryFiles.write(entry("quick", "aaaaaaa1", "2026-12-01T00:00:00Z", "2026-12-01T10:00:00Z"),
        history);

    assertEquals(history.resolve("quick/20261201T090000Z-bbbbbbb.json"), later);
    assertEquals(history.resolve("quick/20261201T100000Z-aaaaaaa.json"), earlier);
    assertEquals(history.resolve("quick/20261201T100000Z-aaaaaaa-2.json"), sameName, "never overwritten");

    List<String> warnings = new ArrayList<>();
    List<HistoryEntry> read = HistoryFiles.read(history, warnings::add);

    assertEquals(List.of(), warnings);
    assertEquals(List.of("aaaaaaa1", "aaaaaaa1", "bbbbbbb2"), read.stream().map(HistoryEntry::commit).toList(),
        "ordered by commit time, not by when the entries were written");
    assertEquals(entry("quick", "bbbbbbb2", "2026-12-02T00:00:00Z", "2026-12-01T09:00:00Z"), read.get(2),
        "written and read back unchanged");
  }

  @Test
  void experimentNamesBecomeSafeDirectoryNames() {
    assertEquals("a-b", HistoryFiles.directoryName("a+b"));
    assertEquals("-hidden", HistoryFiles.directoryName(".hidden"));
    assertEquals("x-.y", HistoryFiles.directoryName("x/.y"));
    assertEquals("unnamed", HistoryFiles.directoryName(" "));
  }

  @Test
  void aDamagedEntryIsSkippedWithAWarningNamingIt() throws IOException {
    HistoryFiles.write(entry("quick", "aaaaaaa1", null, "2026-12-01T10:00:00Z"), history);
    Path dir = history.resolve("quick");
    Files.writeString(dir.resolve("20261201T110000Z-bbbbbbb.json"), "{\"format\": \"convbench-history\", \"comm");
    Files.writeString(dir.resolve("20261201T120000Z-ccccccc.json"), "{\"format\": \"something-else\"}");
    Files.writeString(dir.resolve("20261201T130000Z-ddddddd.json"), "{\"format\": \"convbench-history\", "
        + "\"formatVersion\": 2, \"commit\": \"ddddddd\", \"recordedAt\": \"2026-12-01T13:00:00Z\"}");
    Files.writeString(dir.resolve("20261201T140000Z-eeeeeee.json"), "{\"format\": \"convbench-history\", "
        + "\"formatVersion\": 1, \"commit\": \"not a hash\", \"recordedAt\": \"2026-12-01T14:00:00Z\"}");
    Files.writeString(dir.resolve(".20261201T150000Z-fffffff.json.1234.tmp"), "{");
    Files.writeString(dir.resolve("notes.txt"), "not an entry");

    List<String> warnings = new ArrayList<>();
    List<HistoryEntry> read = HistoryFiles.read(history, warnings::add);

    assertEquals(List.of("aaaaaaa1"), read.stream().map(HistoryEntry::commit).toList());
    assertEquals(4, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith(dir.resolve("20261201T110000Z-bbbbbbb.json") + ": not a history entry"),
        warnings.get(0));
    assertTrue(warnings.get(1).contains("ccccccc.json: not a convbench history entry"), warnings.get(1));
    assertTrue(warnings.get(2).contains("ddddddd.json: written in history format version 2"), warnings.get(2));
    assertTrue(warnings.get(3).contains("eeeeeee.json: no commit hash"), warnings.get(3));
    warnings.forEach(w -> assertTrue(w.endsWith("; entry skipped"), w));
  }

  @Test
  void aHistoryDirectoryThatDoesNotExistIsAnError() {
    assertThrows(java.nio.file.NoSuchFileException.class,
        () -> HistoryFiles.read(history.resolve("missing"), w -> {}));
  }

  @Test
  void aYardstickIsReadFromBenchJsonAndRefusedWithoutItsMedian() throws IOException {
    Path bench = history.resolve("bench.json");
    Files.writeString(bench, "{\"architecture\": \"baseline-cnn\", \"hyperParameters\": {}, \"device\": \"CPU\", "
        + "\"batchSize\": 64, \"diagnostics\": true, \"timedSteps\": 30, \"medianStepMs\": 15.5, \"meanStepMs\": 20, "
        + "\"p25StepMs\": 15, \"p75StepMs\": 17, \"minStepMs\": 14, \"maxStepMs\": 90, \"imagesPerSecond\": 4129.0, "
        + "\"graphBuildAndLoadSeconds\": 2.0, \"availableProcessors\": 2, \"threads\": \"default\", "
        + "\"precision\": \"fp32\"}");
    HistoryEntry.Yardstick y = HistoryFiles.readYardstick(bench);
    assertEquals(new HistoryEntry.Yardstick("baseline-cnn", 64, 30, "fp32", "CPU", "default", 2, 15.5, 15.0, 17.0,
        14.0, 90.0, 4129.0), y);

    Files.writeString(bench, "{\"architecture\": \"baseline-cnn\", \"imagesPerSecond\": 4129.0}");
    IOException missing = assertThrows(IOException.class, () -> HistoryFiles.readYardstick(bench));
    assertTrue(missing.getMessage().startsWith(bench + ": not a bench result"), missing.getMessage());
    assertFalse(missing.getMessage().contains("\n"));
  }
}
