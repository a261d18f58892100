package dev.convbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.EpochRecord;
import dev.convbench.results.ExperimentResults;
import dev.convbench.results.Results;
import dev.convbench.results.ResultsReader;
import dev.convbench.results.RunIdentity;
import dev.convbench.results.RunResult;
import dev.convbench.results.RunStatus;
import dev.convbench.results.StepLossRecord;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.StepLoss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store writes, the results reader reads back: every value, in order, exactly. */
class StoreReadBackTest {

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
    assertEquals(List.of(Fixtures.epochRecord(1, 0.4), Fixtures.epochRecord(2, 0.6)), b.epochs());
    assertEquals(List.of(new StepLossRecord(10, 1, 2.0, 1.5)), b.steps());
    assertEquals(List.of(), results.warnings());
  }

  @Test
  void aRunInSeveralDirectoriesWithTheSameIdentityIsReportedOnceFinishedCopyFirst() throws IOException {
    RunIdentity identity = RunIdentities.of(Fixtures.spec("a"), "data-digest");
    Path shard = out.resolve("shard-0");
    Path again = out.resolve("shard-0-again");
    Path other = out.resolve("other-settings");
    for (Path dir : List.of(shard, again, other)) {
      ResultStore store = new ResultStore(dir);
      store.writeExperiment(Fixtures.experiment("exp", List.of(Fixtures.spec("a"))));
      RunIdentity id = dir == other ? RunIdentities.of(Fixtures.spec("a"), "other-data") : identity;
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
      EpochRecord m = run.epochs().get(i);
      // Compare bit patterns: distinguishes -0.0 from 0.0 and lets NaN equal itself.
      for (double read : new double[] {m.trainLoss(), m.testAccuracy(), m.imagesPerSecond(),
          run.steps().get(i).loss()}) {
        assertEquals(Double.doubleToRawLongBits(awkward[i]), Double.doubleToRawLongBits(read), "value " + i);
      }
    }
  }
}
