package dev.convbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.MetricsCsv;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.results.RunIdentity;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunStatus;
import dev.convbench.training.StepLoss;
import dev.convbench.training.TrainingPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

  @TempDir
  Path out;

  private final Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:15:30.123456Z"), ZoneOffset.UTC);

  @Test
  void startWritesRunJsonWithStatusRunningAndCsvHeaders() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    try (RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      RunRecord stored = store.read("r1").orElseThrow();
      assertEquals(RunStatus.RUNNING, stored.status());
      assertEquals("2025-03-01T10:15:30.123Z", stored.startedAt());
      assertNull(stored.endedAt());
      assertEquals(List.of(String.join(",", MetricsCsv.EPOCH_COLUMNS)),
          Files.readAllLines(run.directory().resolve("metrics.csv")));
      assertEquals(List.of("step,epoch,loss,seconds"), Files.readAllLines(run.directory().resolve("steps.csv")));
    }
  }

  @Test
  void rowsAreOnDiskAsSoonAsTheyAreReported() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    try (RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      run.onStepLoss(new StepLoss(10, 1, 2.25, 0.5));
      run.onEpoch(Fixtures.epoch(1, 0.4));
      // Not closed yet: a crash now must not lose these rows.
      assertEquals(2, Files.readAllLines(run.directory().resolve("metrics.csv")).size());
      assertEquals("10,1,2.25,0.5", Files.readAllLines(run.directory().resolve("steps.csv")).get(1));
    }
  }

  @Test
  void recordRoundTripsThroughRunJson() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo());
    run.complete();

    RunRecord read = store.read("r1").orElseThrow();
    assertEquals(run.record(), read);
    assertEquals(RecordMapping.spec(Fixtures.spec("r1")), read.spec());
    assertEquals(RunStatus.COMPLETED, read.status());
    assertEquals("2025-03-01T10:15:30.123Z", read.endedAt());
    assertTrue(Files.readString(out.resolve("r1/run.json")).contains("\"status\" : \"completed\""));
  }

  @Test
  void finalStatusReplacesRunJsonAtomicallyWithoutLeavingTemporaryFiles() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo());
    run.onEpoch(Fixtures.epoch(1, 0.4));
    run.complete();

    try (Stream<Path> files = Files.walk(out)) {
      List<String> names = files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted()
          .toList();
      assertEquals(List.of("r1/layers.csv", "r1/metrics.csv", "r1/run.json", "r1/steps.csv"), names);
    }
  }

  @Test
  void failedRunRecordsMessageAndStackTrace() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo());
    run.failed(new IllegalStateException("out of memory <in> graph"));

    RunRecord read = store.read("r1").orElseThrow();
    assertEquals(RunStatus.FAILED, read.status());
    assertEquals("java.lang.IllegalStateException: out of memory <in> graph", read.errorMessage());
    assertTrue(read.stackTrace().contains("ResultStoreTest.failedRunRecordsMessageAndStackTrace"));
    assertNull(read.divergedReason());
  }

  @Test
  void divergedRunRecordsReason() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo());
    run.onStepLoss(new StepLoss(20, 1, Double.NaN, 1.0));
    run.diverged("loss is NaN at step 20");

    RunRecord read = store.read("r1").orElseThrow();
    assertEquals(RunStatus.DIVERGED, read.status());
    assertEquals("loss is NaN at step 20", read.divergedReason());
  }

  @Test
  void aRunEndsOnlyOnce() throws IOException {
    RunWriter run = new ResultStore(out, clock).start(Fixtures.spec("r1"), Fixtures.startInfo());
    run.complete();
    assertThrows(IllegalStateException.class, () -> run.failed(new RuntimeException()));
    assertThrows(IllegalStateException.class, () -> run.onEpoch(Fixtures.epoch(2, 0.5)));
  }

  @Test
  void closingWithoutFinalStatusLeavesTheRunRunningLikeACrash() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    try (RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      run.onEpoch(Fixtures.epoch(1, 0.4));
    }
    assertEquals(RunStatus.RUNNING, store.read("r1").orElseThrow().status());
  }

  @Test
  void startingARunAgainBeginsFromAnEmptyDirectory() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    try (RunWriter first = store.start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      first.onEpoch(Fixtures.epoch(1, 0.4));
      first.onEpoch(Fixtures.epoch(2, 0.5));
      Files.writeString(first.directory().resolve("leftover.txt"), "x");
    }
    try (RunWriter second = store.start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      second.onEpoch(Fixtures.epoch(1, 0.4));
      second.complete();
    }
    assertEquals(2, Files.readAllLines(out.resolve("r1/metrics.csv")).size(), "header + one row, none duplicated");
    assertFalse(Files.exists(out.resolve("r1/leftover.txt")));
    try (Stream<Path> entries = Files.list(out)) {
      assertEquals(List.of("r1"), entries.map(p -> p.getFileName().toString()).toList(), "nothing left aside");
    }
  }

  @Test
  void aResumedRunContinuesAtItsCheckpointWithoutWhatAKilledAttemptLeftBehind() throws IOException {
    ResultStore store = new ResultStore(out, clock);
    RunIdentity identity = RunIdentities.of(Fixtures.spec("r1"), "data");
    ProcessIdentity me = Processes.current(java.util.Map.of());
    try (Claims claims = new Claims(out, ClaimSettings.defaults(), me, Clock.systemUTC())) {
      HeldClaim first = claims.claim(claims.observe("r1")).orElseThrow();
      RunWriter run = store.start(Fixtures.spec("r1"), Fixtures.startInfo(), identity, first, 1);
      run.onEpoch(Fixtures.epoch(1, 0.4));
      run.checkpoint(new TrainingPosition(2, 0, 10, 1.5, new TrainingPosition.EpochProgress(0, 0, new double[0], 0,
          0), 0.4, 0.4), prefix -> write(prefix.resolveSibling("variables.index")));
      run.onEpoch(Fixtures.epoch(2, 0.5)); // after the checkpoint: cut on resume
      // What a kill -9 in the middle of the next checkpoint and of a model export leaves.
      Files.createDirectories(run.directory().resolve("checkpoints/.epoch-000003-step-000000000020.x.tmp"));
      Files.createDirectories(run.directory().resolve(".model.x.tmp"));
      run.close();
      first.release("interrupted");

      HeldClaim second = claims.claim(claims.observe("r1")).orElseThrow();
      ResultStore.ResumePoint point = store.latestCheckpoint("r1").orElseThrow();
      assertEquals(2, point.record().position().epoch());
      try (RunWriter resumed = store.resume(Fixtures.spec("r1"), Fixtures.startInfo(), identity, second, point, 1)) {
        assertEquals(2, Files.readAllLines(resumed.directory().resolve("metrics.csv")).size(), "header + epoch 1");
        try (Stream<Path> files = Files.walk(resumed.directory())) {
          assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
        }
        assertEquals(2, resumed.record().attempt().number());
        assertEquals(new RunRecord.ResumedAt(2, 0), resumed.record().attempt().resumedAt());
      }
    }
  }

  private static void write(Path file) {
    try {
      Files.writeString(file, "x");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void readOfAnUnknownRunIsEmpty() throws IOException {
    assertTrue(new ResultStore(out).read("nope").isEmpty());
  }

  @Test
  void runIdsMustBePlainDirectoryNames() {
    ResultStore store = new ResultStore(out);
    for (String bad : List.of("../escape", "a/b", ".hidden", "")) {
      assertThrows(IllegalArgumentException.class, () -> store.start(Fixtures.spec(bad), Fixtures.startInfo()),
          bad);
    }
  }

  @Test
  void ofTwoExperimentsThatBothFoundTheDirectoryEmptyOnlyTheFirstToWriteJoinsIt() throws IOException {
    var first = Fixtures.experiment("first", List.of(Fixtures.spec("a")));
    var second = Fixtures.experiment("second", List.of(Fixtures.spec("a")));
    ResultStore one = new ResultStore(out);
    ResultStore two = new ResultStore(out);
    one.checkJoinable(first);
    two.checkJoinable(second); // both started at the same moment: the directory was empty for both
    one.writeExperiment(first);
    assertThrows(ResultsDirectoryInUseException.class, () -> two.writeExperiment(second));
    assertTrue(Files.readString(out.resolve("experiment.json")).contains("\"name\" : \"first\""));
    assertEquals("name: first\n", Files.readString(out.resolve("experiment.yaml")));
    one.writeExperiment(first); // the same experiment rewrites its files as before
  }

  @Test
  void writeExperimentStoresTheFileTextAndAManifest() throws IOException {
    ResultStore store = new ResultStore(out);
    store.writeExperiment(Fixtures.experiment("exp", List.of(Fixtures.spec("a"), Fixtures.spec("b"))));

    assertEquals("name: exp\n", Files.readString(out.resolve("experiment.yaml")));
    String manifest = Files.readString(out.resolve("experiment.json"));
    assertTrue(manifest.contains("\"name\" : \"exp\""), manifest);
    assertTrue(manifest.contains("\"baseline\" : \"resnet18\""), manifest);
    assertTrue(manifest.replaceAll("\\s", "").contains("\"runIds\":[\"a\",\"b\"]"), manifest);
  }
}
