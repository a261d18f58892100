package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.RunOutcome;
import dev.convbench.analysis.SampleStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunResult;
import dev.convbench.results.RunStatus;
import dev.convbench.results.StepLossRecord;
import dev.convbench.store.RecordMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsTest {

  @Test
  void sampleStatsUseTheSampleStandardDeviation() {
    SampleStats s = SampleStats.of(0.80, 0.84);
    assertEquals(2, s.n());
    assertEquals(0.82, s.mean(), 1e-12);
    assertEquals(0.04 / Math.sqrt(2), s.std(), 1e-12);
    assertEquals(new SampleStats(1, 5, 0), SampleStats.of(5));
    assertTrue(SampleStats.of().isEmpty());
  }

  @Test
  void outcomeFindsTheFirstEpochAtTheTarget() {
    RunOutcome o = RunOutcome.of(run("r", RunStatus.COMPLETED, new double[] {0.5, 0.65, 0.6}, 10));
    assertEquals(0.6, o.finalAccuracy());
    assertEquals(0.65, o.bestAccuracy());
    assertEquals(2, o.epochsToTarget());
    assertEquals(20.0, o.secondsToTarget());
    assertEquals(30.0, o.trainingSeconds());
  }

  @Test
  void outcomeOfARunWithoutEpochsHasNoNumbers() {
    RunOutcome o = RunOutcome.of(run("r", RunStatus.RUNNING, new double[0], 10));
    assertNull(o.finalAccuracy());
    assertNull(o.epochsToTarget());
  }

  @Test
  void cellStatisticsCountOnlyCompletedRuns() {
    CellSummary cell = CellSummary.of("cnn", List.of(
        run("a", RunStatus.COMPLETED, new double[] {0.5, 0.7}, 10),
        run("b", RunStatus.COMPLETED, new double[] {0.5, 0.9}, 10),
        run("c", RunStatus.FAILED, new double[] {0.1}, 10)));
    assertEquals(2, cell.finalAccuracy().n());
    assertEquals(0.8, cell.finalAccuracy().mean(), 1e-12);
    assertEquals(Map.of(RunStatus.COMPLETED, 2, RunStatus.FAILED, 1), cell.statusCounts());
    assertEquals(2, cell.reached());
  }

  @Test
  void curvesAverageSeedsEpochByEpoch() {
    CellSummary cell = CellSummary.of("cnn", List.of(
        run("a", RunStatus.COMPLETED, new double[] {0.4, 0.6}, 10),
        run("b", RunStatus.COMPLETED, new double[] {0.6, 0.8}, 20)));

    Curve byEpoch = Curves.byEpoch(cell, m -> m.testAccuracy());
    assertEquals(2, byEpoch.points().size());
    assertPoint(byEpoch.points().get(0), 1, 0.5, Math.sqrt(0.02), 2);
    assertPoint(byEpoch.points().get(1), 2, 0.7, Math.sqrt(0.02), 2);

    Curve bySeconds = Curves.bySeconds(cell, m -> m.testAccuracy(), 1);
    assertEquals(15.0, bySeconds.points().get(0).x(), 1e-12, "mean of 10 s and 20 s");
  }

  @Test
  void curvesOfACellWithoutCompletedRunsShowItsUnfinishedOnes() {
    CellSummary cell = CellSummary.of("cnn", List.of(run("a", RunStatus.RUNNING, new double[] {0.4}, 10)));
    Curve curve = Curves.byEpoch(cell, m -> m.testAccuracy());
    assertTrue(curve.incomplete());
    assertEquals(1, curve.points().size());
  }

  @Test
  void divergedAndFailedRunsAreNotDrawn() {
    CellSummary cell = CellSummary.of("cnn", List.of(run("a", RunStatus.DIVERGED, new double[] {0.1}, 10),
        run("b", RunStatus.FAILED, new double[] {0.3}, 10)));
    assertEquals(List.of(), Curves.byEpoch(cell, m -> m.testAccuracy()).points());
  }

  @Test
  void longStepCurvesAreAveragedDownToTheLimit() {
    List<Curve.Point> points = java.util.stream.IntStream.range(0, 1000)
        .mapToObj(i -> new Curve.Point(i, i % 2, 0, 1)).toList();
    Curve down = Curves.downsample(new Curve("x", 1, false, points), 100);
    assertEquals(100, down.points().size());
    assertEquals(0.5, down.points().get(0).mean(), 1e-12, "windows of 10 alternating 0/1");
  }

  private static void assertPoint(Curve.Point p, double x, double mean, double std, int n) {
    assertEquals(x, p.x(), 1e-12);
    assertEquals(mean, p.mean(), 1e-12);
    assertEquals(std, p.std(), 1e-12);
    assertEquals(n, p.n());
  }

  private static RunResult run(String id, RunStatus status, double[] accuracies, double secondsPerEpoch) {
    RunRecord record = new RunRecord(RunRecord.FORMAT_VERSION, id,
        RecordMapping.spec(ResultsFixture.spec("cnn", "baseline-cnn", 1)),
        "baseline-cnn", "built-in", 100, 0, new Environment("2", "CPU", null, "jvm", "os", "cpu", 1, "auto"),
        new DatasetFacts(10, 10, "test", Map.of(), false), "2025-01-01T00:00:00Z", null, status, null, null, null,
        null, null, null);
    return new RunResult(Path.of(id), record, ResultsFixture.epochs(accuracies, secondsPerEpoch).stream()
        .map(RecordMapping::epoch).toList(), List.<StepLossRecord>of());
  }
}
