package dev.convbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.store.ClaimSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary a share of runs ends with (it decides exit code 0 or 3) and the two ways of running a share. */
class ExperimentRunnerSummaryTest {

  private static ExperimentRunner.Summary summary(int diverged, int failed, int keptFailed, int lost,
      String interrupted) {
    return new ExperimentRunner.Summary(4, diverged, failed, 2, keptFailed, List.of("resnet18__s2 (pid 7)"), lost,
        List.of(), interrupted);
  }

  @Test
  void completedRunsAndRunsKeptOrHeldElsewhereCountAsAllCompleted() {
    assertTrue(summary(0, 0, 0, 0, null).allCompleted());
  }

  @Test
  void anyRunThatDidNotCompleteHereSaysSo() {
    assertFalse(summary(1, 0, 0, 0, null).allCompleted(), "diverged");
    assertFalse(summary(0, 1, 0, 0, null).allCompleted(), "failed");
    assertFalse(summary(0, 0, 1, 0, null).allCompleted(), "failed before and left failed");
    assertFalse(summary(0, 0, 0, 1, null).allCompleted(), "taken over by another process");
    assertFalse(summary(0, 0, 0, 0, "cnn__s1").allCompleted(), "stopped by a signal");
  }

  @Test
  void theSummaryKeepsItsOwnCopiesOfTheLists() {
    List<String> held = new ArrayList<>(List.of("a"));
    List<Path> superseded = new ArrayList<>(List.of(Path.of("superseded/x")));
    ExperimentRunner.Summary s = new ExperimentRunner.Summary(0, 0, 0, 0, 0, held, 0, superseded, null);
    held.add("b");
    superseded.clear();
    assertEquals(List.of("a"), s.heldElsewhere());
    assertEquals(List.of(Path.of("superseded/x")), s.superseded());
  }

  @Test
  void runDoesOnePassAndWorkerWaitsForTheOthers() {
    ExperimentRunner.Options once = ExperimentRunner.Options.once(ClaimSettings.defaults(), false);
    assertFalse(once.waitForOthers());
    assertEquals(KeepModels.LAST, once.keepModels(), "the last epoch's model is kept unless asked otherwise");
    assertFalse(once.stop().requested());

    ExperimentRunner.Options worker = ExperimentRunner.Options.untilFinished(ClaimSettings.defaults(), true,
        Duration.ofSeconds(30));
    assertTrue(worker.waitForOthers());
    assertTrue(worker.retryFailed());
    assertEquals(Duration.ofSeconds(30), worker.poll());

    StopSignal stop = new StopSignal();
    ExperimentRunner.Options withCheckpoints = worker.withCheckpoints(worker.checkpoints(), stop, KeepModels.BEST);
    assertEquals(KeepModels.BEST, withCheckpoints.keepModels());
    assertTrue(withCheckpoints.waitForOthers() && withCheckpoints.retryFailed(), "the rest carried over");
    stop.request("TERM");
    assertTrue(withCheckpoints.stop().requested(), "the signal given is the one the runner reads");
  }
}
