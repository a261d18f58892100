package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path dir;

  @Test
  void writeReplacesAFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("run.json");
    AtomicFiles.write(file, bytes("first"));
    AtomicFiles.write(file, bytes("second"));

    assertEquals("second", Files.readString(file));
    assertEquals(List.of("run.json"), names(dir));
  }

  @Test
  void aFileIsCreatedExclusivelyOnce() throws IOException {
    Path claim = dir.resolve("attempt-000001.json");

    assertTrue(AtomicFiles.createExclusively(claim, bytes("mine")));
    assertFalse(AtomicFiles.createExclusively(claim, bytes("theirs")), "the name exists");

    assertEquals("mine", Files.readString(claim), "the first content stays");
    assertEquals(List.of("attempt-000001.json"), names(dir), "no temporary file left");
  }

  @Test
  void aDirectoryIsReplacedWholeAndTheOldOneDeleted() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("old.pb"), "old");
    Path ready = Files.createDirectories(dir.resolve(".model.x.tmp"));
    Files.writeString(ready.resolve("new.pb"), "new");

    AtomicFiles.replaceDirectory(ready, model);

    assertEquals(List.of("new.pb"), names(model));
    assertEquals(List.of("model"), names(dir), "neither the old directory nor the temporary name is left");
  }

  @Test
  void whatAKilledWriterLeftIsDeletedAndNothingElse() throws IOException {
    Files.createDirectories(dir.resolve(".epoch-000003-step-000000000020.x.tmp/inner"));
    Files.writeString(dir.resolve(".metrics.csv.y.tmp"), "half");
    Files.createDirectories(dir.resolve(AtomicFiles.TRASH_PREFIX + "run-z/deep"));
    Files.writeString(dir.resolve("metrics.csv"), "kept");
    Files.createDirectories(dir.resolve("checkpoints"));

    AtomicFiles.deleteLeftovers(dir);

    assertEquals(List.of("checkpoints", "metrics.csv"), names(dir));
  }

  @Test
  void aDirectoryMovedAsideIsGoneFromItsNameAndDeleted() throws IOException {
    Path run = Files.createDirectories(dir.resolve("r1/checkpoints"));
    Files.writeString(run.resolve("x"), "x");

    AtomicFiles.moveAsideAndDelete(dir.resolve("r1"), dir);
    AtomicFiles.deleteTrash(dir);

    assertEquals(List.of(), names(dir));
  }

  @Test
  void aCsvFileContinuesAfterTheLengthACheckpointRecorded() throws IOException {
    Path file = dir.resolve(MetricsCsv.STEP_FILE);
    long atCheckpoint;
    try (CsvAppender csv = CsvAppender.create(file, MetricsCsv.STEP_COLUMNS)) {
      csv.append("1,1,2.5,0.1");
      atCheckpoint = csv.length();
      csv.append("2,1,2.4,0.2");
    }
    Files.writeString(file, Files.readString(file) + "3,1,2.", StandardCharsets.UTF_8); // a killed attempt's half row

    try (CsvAppender csv = CsvAppender.continueAt(file, atCheckpoint)) {
      csv.append("2,1,2.3,0.2");
    }

    assertEquals(List.of("step,epoch,loss,seconds", "1,1,2.5,0.1", "2,1,2.3,0.2"), Files.readAllLines(file));
    assertThrows(IOException.class, () -> CsvAppender.continueAt(file, Files.size(file) + 1).close(),
        "a file shorter than its checkpoint says is not continued");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
