package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.experiment.RunSpec;
import dev.convbench.results.ResumePlan.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePlanTest {

  @TempDir
  Path out;

  private final List<RunSpec> runs = List.of(Fixtures.spec("completed"), Fixtures.spec("diverged"),
      Fixtures.spec("failed"), Fixtures.spec("interrupted"), Fixtures.spec("no-json"), Fixtures.spec("new"));

  @Test
  void freshDirectoryRunsEverything() throws IOException {
    ResumePlan plan = new ResultStore(out.resolve("does-not-exist-yet")).plan(runs, false);
    assertEquals(runs, plan.toRun());
    assertEquals(List.of(), plan.skipped());
  }

  @Test
  void emptyExistingDirectoryIsAcceptedWithoutResume() throws IOException {
    assertEquals(runs, new ResultStore(out).plan(runs, false).toRun());
  }

  @Test
  void refusesToReuseANonEmptyDirectoryWithoutResume() throws IOException {
    ResultStore store = new ResultStore(out);
    store.start(Fixtures.spec("completed"), Fixtures.startInfo()).complete();

    ResultsDirectoryInUseException e = assertThrows(ResultsDirectoryInUseException.class,
        () -> store.plan(runs, false));
    assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("--out"), e.getMessage());
    assertEquals(out, e.directory());
  }

  @Test
  void prepareChecksBeforeWritingTheExperimentFiles() throws IOException {
    ResultStore store = new ResultStore(out);
    store.prepare(Fixtures.experiment("exp", runs), false);
    assertTrue(Files.exists(out.resolve("experiment.json")));
    // A second fresh start into the same directory is refused; resuming is fine.
    assertThrows(ResultsDirectoryInUseException.class, () -> store.prepare(Fixtures.experiment("exp", runs), false));
    assertEquals(runs, store.prepare(Fixtures.experiment("exp", runs), true).toRun());
  }

  @Test
  void resumeKeepsCompletedAndDivergedRunsAndRedoesTheRest() throws IOException {
    ResultStore store = new ResultStore(out);
    store.start(runs.get(0), Fixtures.startInfo()).complete();
    store.start(runs.get(1), Fixtures.startInfo()).diverged("NaN");
    store.start(runs.get(2), Fixtures.startInfo()).failed(new RuntimeException("boom"));
    store.start(runs.get(3), Fixtures.startInfo()).close(); // killed: still "running"
    Files.createDirectories(out.resolve("no-json"));        // killed before run.json was written

    ResumePlan plan = store.plan(runs, true);

    Map<String, Action> actions = plan.decisions().stream()
        .collect(Collectors.toMap(d -> d.run().runId(), ResumePlan.Decision::action));
    assertEquals(Map.of("completed", Action.SKIP, "diverged", Action.SKIP, "failed", Action.REDO,
        "interrupted", Action.REDO, "no-json", Action.REDO, "new", Action.RUN), actions);
    assertEquals(List.of(runs.get(0), runs.get(1)), plan.skipped());
    assertEquals(runs.subList(2, 6), plan.toRun(), "matrix order kept");
    assertEquals("status failed", plan.decisions().get(2).reason());
  }

  @Test
  void resumeRedoesAFinishedRunWhoseConfigurationChanged() throws IOException {
    ResultStore store = new ResultStore(out);
    store.start(Fixtures.spec("r1", "resnet18", 1), Fixtures.startInfo()).complete();

    RunSpec edited = Fixtures.spec("r1", "resnet18", 2);
    ResumePlan.Decision decision = store.plan(List.of(edited), true).decisions().get(0);

    assertEquals(Action.REDO, decision.action());
    assertTrue(decision.reason().contains("configuration changed"), decision.reason());
  }

  @Test
  void resumeReportsRunDirectoriesTheExperimentDoesNotList() throws IOException {
    ResultStore store = new ResultStore(out);
    store.start(Fixtures.spec("old-run"), Fixtures.startInfo()).complete();

    assertEquals(List.of("old-run"), store.plan(runs, true).strayRunIds());
  }

  @Test
  void redoingARunNeverDuplicatesRows() throws IOException {
    ResultStore store = new ResultStore(out);
    try (RunWriter killed = store.start(runs.get(0), Fixtures.startInfo())) {
      killed.onEpoch(Fixtures.epoch(1, 0.3));
      killed.onEpoch(Fixtures.epoch(2, 0.4));
    }
    for (RunSpec spec : store.plan(List.of(runs.get(0)), true).toRun()) {
      try (RunWriter run = store.start(spec, Fixtures.startInfo())) {
        run.onEpoch(Fixtures.epoch(1, 0.35));
        run.complete();
      }
    }
    Results results = new ResultsReader(w -> { }).read(out);
    assertEquals(List.of(Fixtures.epoch(1, 0.35)), results.runs().get(0).epochs());
  }
}
