package dev.convbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/** Runs written with this module's writers alone, as the engine's store lays them out. The numbers mean nothing. */
final class RunFiles {

  private RunFiles() {}

  static RunSpecRecord spec(String runId, long seed) {
    TrainingParameters training = new TrainingParameters(3, 128,
        new OptimizerParameters("sgd", 0.05, 0.9, true, 0.9, 0.999, 1e-8),
        new ScheduleParameters("cosine", 30, 0.1, 0, 0), 5e-4, new AugmentationParameters(true, 4, true, true), 0.5,
        10, "fp32");
    return new RunSpecRecord(runId, "resnet", Map.of("depth", 18), training,
        new DatasetParameters(null, 1000, null, "test", 5000, false, 0), seed, Map.of("optimizer.lr", 0.1),
        "resnet18");
  }

  static RunRecord record(String runId, long seed, RunStatus status) {
    return new RunRecord(RunRecord.FORMAT_VERSION, runId, spec(runId, seed), "resnet", "built-in", 11_173_962L, 0,
        new Environment("2.18.0", "CPU", null, "Test JVM 17", "Linux 6.1 (amd64)", "Test CPU", 8, "auto"),
        new DatasetFacts(1000, 10000, "test", Map.of("test_batch.bin", 10000), false), "2025-01-01T00:00:00Z",
        status == RunStatus.RUNNING ? null : "2025-01-01T01:00:00Z", status, null, null, null, null, null, null);
  }

  /** Writes run {@code record} into {@code out}: its {@code run.json} and the CSV files' headers. */
  static Path write(Path out, RunRecord record) throws IOException {
    Path dir = Files.createDirectories(out.resolve(record.runId()));
    AtomicFiles.write(dir.resolve(ResultsLayout.RUN_FILE), new ResultsJson().write(record));
    for (var file : Map.of(MetricsCsv.EPOCH_FILE, MetricsCsv.EPOCH_COLUMNS, MetricsCsv.STEP_FILE,
        MetricsCsv.STEP_COLUMNS, MetricsCsv.LAYER_FILE, MetricsCsv.LAYER_COLUMNS).entrySet()) {
      CsvAppender.create(dir.resolve(file.getKey()), file.getValue()).close(); // the header only
    }
    return dir;
  }

  /** Appends complete rows to one of a run's CSV files. */
  static void append(Path runDir, String file, List<String> rows) throws IOException {
    Files.writeString(runDir.resolve(file), String.join("\n", rows) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  static EpochRecord epoch(int epoch, double testAccuracy) {
    return new EpochRecord(epoch, 2.0 / epoch, testAccuracy - 0.05, 2.1 / epoch, testAccuracy, 0.1 / epoch, 10.0,
        1.5, 10.0 * epoch, 5000.0, Double.NaN, Double.NaN, Double.NaN);
  }
}
