package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.training.EpochMetrics;
import dev.convbench.training.StepLoss;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReaderTest {

  @TempDir
  Path out;

  private final List<String> warnings = new ArrayList<>();
  private final ResultsReader reader = new ResultsReader(warnings::add);

  @Test
  void readsBackWhatWasWritten() throws IOException {
    ResultStore store = new ResultStore(out);
    store.writeExperiment(Fixtures.experiment("exp", List.of(Fixtures.spec("b"), Fixtures.spec("a"))));
    for (String id : List.of("a", "b")) {
      try (RunWriter run = store.start(Fixtures.spec(id), Fixtures.startInfo())) {
        run.onStepLoss(new StepLoss(10, 1, 2.0, 1.5));
        run.onEpoch(Fixtures.epoch(1, 0.4));
        run.onEpoch(Fixtures.epoch(2, 0.6));
        run.complete();
      }
    }

    Results results = reader.read(out);

    ExperimentResults experiment = results.experiments().get(0);
    assertEquals("exp", experiment.name());
    assertEquals("name: exp\n", experiment.experimentText());
    assertEquals(List.of("b", "a"), experiment.runs().stream().map(RunResult::runId).toList(), "manifest order");
    RunResult b = experiment.runs().get(0);
    assertEquals(RunStatus.COMPLETED, b.status());
    assertEquals("resnet18", b.label());
    assertEquals(List.of(Fixtures.epoch(1, 0.4), Fixtures.epoch(2, 0.6)), b.epochs());
    assertEquals(List.of(new StepLoss(10, 1, 2.0, 1.5)), b.steps());
    assertEquals(List.of(), results.warnings());
  }

  @Test
  void aRunInSeveralDirectoriesWithTheSameIdentityIsReportedOnceFinishedCopyFirst() throws IOException {
    RunIdentity identity = RunIdentity.of(Fixtures.spec("a"), "data-digest");
    Path shard = out.resolve("shard-0");
    Path again = out.resolve("shard-0-again");
    Path other = out.resolve("other-settings");
    for (Path dir : List.of(shard, again, other)) {
      ResultStore store = new ResultStore(dir);
      store.writeExperiment(Fixtures.experiment("exp", List.of(Fixtures.spec("a"))));
      RunIdentity id = dir == other ? RunIdentity.of(Fixtures.spec("a"), "other-data") : identity;
      try (RunWriter run = store.start(Fixtures.spec("a"), Fixtures.startInfo(), id, null, 1)) {
        run.onEpoch(Fixtures.epoch(1, 0.4));
        if (dir != shard) {
          run.complete(); // the copy in shard-0 was interrupted
        }
      }
    }

    Results results = reader.read(List.of(shard, again, other));

    assertEquals(List.of(again.resolve("a"), other.resolve("a")),
        results.runs().stream().map(RunResult::directory).toList(), "once, the finished copy; other data stays");
    assertTrue(results.warnings().stream().anyMatch(w -> w.startsWith("run a is in 2 directories")
        && w.endsWith("reported once, from " + again)), results.warnings().toString());
  }

  @Test
  void doublesRoundTripExactlyWhateverTheDefaultLocale() throws IOException {
    double[] awkward = {0.1 + 0.2, 1.0 / 3, Double.MIN_VALUE, 1e300, -0.0, Double.NaN,
        Double.POSITIVE_INFINITY, 123456789.12345679};
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal comma: must not leak into the files
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      for (int i = 0; i < awkward.length; i++) {
        double v = awkward[i];
        run.onEpoch(new EpochMetrics(i + 1, v, v, v, v, v, v, v, v, v));
        run.onStepLoss(new StepLoss(i + 1L, 1, v, v));
      }
      run.complete();
    } finally {
      Locale.setDefault(saved);
    }

    RunResult run = reader.read(out).runs().get(0);
    for (int i = 0; i < awkward.length; i++) {
      EpochMetrics m = run.epochs().get(i);
      // Compare bit patterns: distinguishes -0.0 from 0.0 and lets NaN equal itself.
      for (double read : new double[] {m.trainLoss(), m.testAccuracy(), m.imagesPerSecond(),
          run.steps().get(i).loss()}) {
        assertEquals(Double.doubleToRawLongBits(awkward[i]), Double.doubleToRawLongBits(read), "value " + i);
      }
    }
  }

  @Test
  void skipsTheIncompleteLastLineOfAKilledRun() throws IOException {
    Path dir;
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      run.onEpoch(Fixtures.epoch(1, 0.4));
      dir = run.directory();
    }
    // The process died while writing epoch 2: the line parses, but its last number is cut short.
    Files.writeString(dir.resolve("metrics.csv"), "2,1.0,0.5,1.05,0.45,0.05,10.0,1.5,20.0,50",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    RunResult run = reader.read(out).runs().get(0);

    assertEquals(List.of(Fixtures.epoch(1, 0.4)), run.epochs());
    assertEquals(RunStatus.RUNNING, run.status());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("incomplete last line"), warnings.get(0));
  }

  @Test
  void skipsMalformedLinesAndKeepsTheRest() throws IOException {
    Path dir;
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      dir = run.directory();
    }
    Files.writeString(dir.resolve("steps.csv"), "step,epoch,loss,seconds\n1,1,oops,0.1\n2,1\n3,1,2.5,0.3\n");

    RunResult run = reader.read(out).runs().get(0);

    assertEquals(List.of(new StepLoss(3, 1, 2.5, 0.3)), run.steps());
    assertEquals(2, warnings.size(), warnings.toString());
  }

  @Test
  void readsColumnsByNameNotPosition() throws IOException {
    Path dir;
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), Fixtures.startInfo())) {
      dir = run.directory();
    }
    Files.writeString(dir.resolve("steps.csv"), "loss,seconds,step,epoch,added_later\n2.5,0.3,3,1,x\n");

    assertEquals(List.of(new StepLoss(3, 1, 2.5, 0.3)), reader.read(out).runs().get(0).steps());
  }

  @Test
  void skipsRunsWithoutReadableRunJson() throws IOException {
    new ResultStore(out).start(Fixtures.spec("good"), Fixtures.startInfo()).complete();
    Files.createDirectories(out.resolve("no-json"));
    Files.writeString(out.resolve("no-json/metrics.csv"), "epoch\n");
    Files.createDirectories(out.resolve("report")); // not a run: ignored silently
    Files.createDirectories(out.resolve("bad-json"));
    Files.writeString(out.resolve("bad-json/run.json"), "{\"runId\": ");
    Files.createDirectories(out.resolve(".trash-x")); // being deleted: ignored silently

    Results results = reader.read(out);

    assertEquals(List.of("good"), results.runs().stream().map(RunResult::runId).toList());
    assertEquals(2, results.warnings().size(), results.warnings().toString());
  }

  @Test
  void readsSeveralDirectoriesAndEachOnlyOnce() throws IOException {
    Path one = out.resolve("one");
    Path two = out.resolve("two");
    new ResultStore(one).start(Fixtures.spec("r1"), Fixtures.startInfo()).complete();
    new ResultStore(two).start(Fixtures.spec("r1", "resnet18", 2), Fixtures.startInfo()).complete();

    Results results = reader.read(List.of(one, two, one));

    assertEquals(2, results.experiments().size());
    assertEquals("two", results.experiments().get(1).name(), "no manifest: named after the directory");
    assertNull(results.experiments().get(1).manifest());
    assertEquals(List.of(1L, 2L), results.runs().stream().map(r -> r.record().spec().seed()).toList());
    assertEquals(1, warnings.size());
  }

  @Test
  void aMissingDirectoryIsAnError() {
    assertThrows(NoSuchFileException.class, () -> reader.read(out.resolve("typo")));
  }
}
