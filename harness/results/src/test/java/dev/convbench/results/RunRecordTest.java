package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each way a run ends records in its {@code run.json}. */
class RunRecordTest {

  private final RunRecord started = RunRecord.started(RunFiles.spec("r1", 1), "resnet", "built-in", 100, 50,
      RunFiles.record("r1", 1, RunStatus.RUNNING).environment(), RunFiles.record("r1", 1, RunStatus.RUNNING).dataset(),
      Instant.parse("2025-01-01T00:00:00Z"), new RunIdentity("abc", null), null);
  private final Instant end = Instant.parse("2025-01-01T01:00:00Z");

  @Test
  void aStartedRunIsRunningInTheCurrentFormat() {
    assertEquals(RunRecord.FORMAT_VERSION, started.formatVersion());
    assertEquals(RunStatus.RUNNING, started.status());
    assertEquals("r1", started.runId());
    assertNull(started.endedAt());
    assertEquals(100, started.flopsPerImage());
  }

  @Test
  void eachEndingFillsItsFields() {
    RunRecord completed = started.completed(end, 42L);
    assertEquals(RunStatus.COMPLETED, completed.status());
    assertEquals("2025-01-01T01:00:00Z", completed.endedAt());
    assertEquals(42L, completed.peakResidentBytes());

    RunRecord diverged = started.diverged(end, "loss is NaN at step 20", null);
    assertEquals(RunStatus.DIVERGED, diverged.status());
    assertEquals("loss is NaN at step 20", diverged.divergedReason());

    RunRecord interrupted = started.interrupted(end, "stopped at step 3 of epoch 2", 7L);
    assertEquals(RunStatus.INTERRUPTED, interrupted.status());
    assertFalse(interrupted.status().isFinal(), "the next process continues it");

    RunRecord failed = started.failed(end, new IllegalStateException("boom"), null);
    assertEquals(RunStatus.FAILED, failed.status());
    assertEquals("java.lang.IllegalStateException: boom", failed.errorMessage());
    assertTrue(failed.stackTrace().contains("RunRecordTest.eachEndingFillsItsFields"), failed.stackTrace());
    assertNull(failed.divergedReason());
    assertEquals(started.identity(), failed.identity(), "the identity stays");
  }

  @Test
  void statusesAreWrittenInLowerCaseAndReadInAnyCase() {
    assertEquals("interrupted", RunStatus.INTERRUPTED.id());
    assertEquals(RunStatus.DIVERGED, RunStatus.of(" Diverged "));
  }
}
