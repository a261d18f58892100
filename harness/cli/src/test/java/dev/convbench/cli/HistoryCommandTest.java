package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.HistoryEntry;
import dev.convbench.results.HistoryFiles;
import dev.convbench.results.MetricResult;
import dev.convbench.training.Precision;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convbench history add} and the input errors of {@code history add|report}, through the real command line. */
class HistoryCommandTest {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private CommandContext context;

  @BeforeEach
  void context() {
    context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), tmp, false, tmp, "Linux",
        Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC));
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.execute(context, args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void writeSummary(Path file) throws IOException {
    MetricResult accuracy = new MetricResult(MetricResult.FINAL_ACCURACY, "fraction", true, "mean", 1, 0.42, null,
        null, List.of(), List.of(new MetricResult.Value("lenet5__s1", 1L, 0.42)));
    MetricResult ips = new MetricResult(MetricResult.IMAGES_PER_SECOND, "images/s", true, "mean", 1, 1000.0, null,
        null, List.of(), List.of(new MetricResult.Value("lenet5__s1", 1L, 1000.0)));
    CellResult cell = new CellResult("lenet5", "lenet5", Map.of(), Map.of(), null, null, null,
        List.of(new CellResult.RunEntry("lenet5__s1", 1L, "completed")), accuracy,
        Map.of(MetricResult.IMAGES_PER_SECOND, ips));
    ExperimentSummaries.write(new ExperimentSummary(ExperimentSummary.FORMAT, ExperimentSummary.FORMAT_VERSION,
        "quick start", null, "2026-12-01T10:00:00Z", List.of(), List.of(cell), List.of()), file);
  }

  /** What {@code bench --out} writes, through the same record and JSON writer as the command. */
  private Path writeBench() throws IOException {
    BenchCommand.BenchResult bench = new BenchCommand.BenchResult("baseline-cnn", Map.of(), "CPU", 64, true, 30,
        16.0, 18.0, 15.0, 17.5, 14.0, 40.0, 4000.0, 2.0, 2, "TensorFlow's default", Precision.FP32);
    Path file = tmp.resolve("yardstick.json");
    Files.writeString(file, Json.write(bench));
    return file;
  }

  @Test
  void addWritesOneEntryWithTheYardstickBenchWrote() throws IOException {
    Files.createDirectories(tmp.resolve("results"));
    writeSummary(tmp.resolve("results/results.json"));
    writeBench();

    assertEquals(ExitCode.OK, run("history", "add", "history", "--summary", "results", "--commit",
        "ABCDEF0123456789", "--branch", "main", "--label", "v1", "--commit-time", "2026-12-01T11:00:00+01:00",
        "--yardstick", "yardstick.json"), err());

    Path file = tmp.resolve("history/quick-start/20261201T101530Z-abcdef0.json");
    assertEquals(file.toString(), out.toString(StandardCharsets.UTF_8).strip());
    HistoryEntry entry = HistoryFiles.readEntry(file);
    assertEquals("ABCDEF0123456789", entry.commit());
    assertEquals("2026-12-01T10:00:00Z", entry.commitTime(), "normalised to UTC");
    assertEquals("2026-12-01T10:15:30Z", entry.recordedAt());
    assertEquals(new HistoryEntry.Yardstick("baseline-cnn", 64, 30, "fp32", "CPU", "TensorFlow's default", 2, 16.0,
        15.0, 17.5, 14.0, 40.0, 4000.0), entry.yardstick(), "every field bench writes is read under its name");
    assertEquals(0.25, entry.cells().get(0).relativeThroughput().score(), 1e-12);
  }

  @Test
  void badInputIsOneLineAndExitCode2() throws IOException {
    writeSummary(tmp.resolve("results.json"));
    Files.writeString(tmp.resolve("not-bench.json"), "{\"architecture\": \"x\"}");
    Files.writeString(tmp.resolve("a-file"), "");
    Files.createDirectories(tmp.resolve("empty-history"));
    Map<List<String>, String> cases = Map.of(
        List.of("history", "add", "h", "--summary", "results.json", "--commit", "main"),
        "error: --commit expects a commit hash (4 to 64 hexadecimal digits), not 'main'",
        List.of("history", "add", "h", "--summary", "missing.json", "--commit", "abcdef1"),
        "error: " + tmp.resolve("missing.json") + ": no such file",
        List.of("history", "add", "h", "--summary", "results.json", "--commit", "abcdef1", "--commit-time", "today"),
        "error: --commit-time expects an ISO-8601 time such as 2026-12-01T10:15:30+01:00, not 'today'",
        List.of("history", "add", "h", "--summary", "results.json", "--commit", "abcdef1", "--yardstick",
            "not-bench.json"), "error: " + tmp.resolve("not-bench.json") + ": not a bench result",
        List.of("history", "add", "a-file", "--summary", "results.json", "--commit", "abcdef1"),
        "error: " + tmp.resolve("a-file") + " is a file, not a history directory",
        List.of("history", "report", "nowhere", "--out", "site"),
        "error: no history directory at " + tmp.resolve("nowhere"),
        List.of("history", "report", "empty-history", "--out", "site"),
        "error: no history entries in " + tmp.resolve("empty-history") + "; add one with `convbench history add`");
    cases.forEach((args, expected) -> {
      assertEquals(ExitCode.INVALID_INPUT, run(args.toArray(String[]::new)), args + ": " + err());
      assertTrue(err().startsWith(expected), args + ": " + err());
      assertEquals(1, err().lines().count(), args + ": " + err());
    });
    assertTrue(Files.notExists(tmp.resolve("h")), "nothing written on bad input");
  }
}
