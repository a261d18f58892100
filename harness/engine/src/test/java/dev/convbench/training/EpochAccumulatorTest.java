package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EpochAccumulatorTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Evaluation TEST = new Evaluation(1.75, 0.625, new long[0][0]);
  private static final Evaluation TRAIN_SAMPLE = new Evaluation(1.25, 0.875, new long[0][0]);

  @Test
  void anEpochsMetricsAreItsStepsMeansWithTheOverheadOutsideTheStepsApart() {
    EpochAccumulator epoch = EpochAccumulator.start(2, 4, 10, 2, 5 * SECOND);
    epoch.addStep(2.0f, 3, 0.5);
    epoch.addStep(1.0f, 5, 1.5);
    assertEquals(2, epoch.stepsDone());
    assertEquals(1.5, epoch.meanLoss());
    assertEquals(0.4, epoch.accuracy(), "8 of 20 images");
    assertEquals(10.0, epoch.imagesPerSecond(), "20 images in 2 s");
    epoch.addUpdateRatios(new double[] {0.125, 0.25});
    epoch.addUpdateRatios(new double[] {0.375, 0.75});
    epoch.addStep(0.5f, 10, 1.0);
    epoch.addStep(0.5f, 2, 1.0);
    epoch.finishSteps(11 * SECOND);

    assertArrayEquals(new double[] {0.25, 0.5}, epoch.meanUpdateRatios());
    EpochMetrics m = epoch.metrics(0.01, TEST, 0.75, TRAIN_SAMPLE, 104.0);
    assertEquals(new EpochMetrics(2, 1.0, 0.5, 1.75, 0.625, 0.01, 4.0, 0.75, 104.0, 10.0, 1.25, 0.875, 2.0), m,
        "loss 4/4 steps, 20 of 40 images, 40 images in 4 s of steps, 6 s of epoch minus 4 s of steps");
  }

  @Test
  void aResumedEpochContinuesTheCheckpointsSumsAndTimesOnlyItsOwnStepsForThroughputAndOverhead() {
    double[] keptRatios = {0.25, 0.5};
    TrainingPosition at = new TrainingPosition(3, 2, 10, 100.0,
        new TrainingPosition.EpochProgress(3.0, 12, keptRatios, 2, 8.0), 0.5, 0.5);
    EpochAccumulator epoch = EpochAccumulator.resume(at, 4, 10, 2, 0);
    assertEquals(3, epoch.epoch());
    assertEquals(2, epoch.stepsDone(), "the next step is the third");

    epoch.addStep(1.0f, 4, 1.0);
    epoch.addUpdateRatios(new double[] {0.5, 0.25});
    assertEquals(3, epoch.stepsDone());
    assertEquals(4.0 / 3, epoch.meanLoss());
    assertEquals(16 / 30.0, epoch.accuracy());
    assertEquals(10.0, epoch.imagesPerSecond(), "10 images in this process's 1 s, not 30 in 9 s");
    assertEquals(9.0, epoch.seconds());
    TrainingPosition.EpochProgress progress = epoch.progress();
    assertEquals(4.0, progress.lossSum());
    assertEquals(16.0, progress.correct());
    assertArrayEquals(new double[] {0.75, 0.75}, progress.ratioSum());
    assertEquals(3, progress.samples());
    assertEquals(9.0, progress.seconds());
    assertArrayEquals(new double[] {0.25, 0.5}, keptRatios, "the checkpoint's sums are not changed");

    epoch.addStep(1.0f, 4, 1.0);
    epoch.finishSteps(3 * SECOND);
    EpochMetrics m = epoch.metrics(0.0, TEST, 0.5, TRAIN_SAMPLE, 110.0);
    assertEquals(1.25, m.trainLoss(), "5.0 over the epoch's 4 steps");
    assertEquals(0.5, m.trainAccuracy(), "20 of 40 images");
    assertEquals(10.0, m.epochSeconds(), "8 s before the resume and 2 s after");
    assertEquals(4.0, m.imagesPerSecond(), "40 images in 10 s of steps");
    assertEquals(1.0, m.overheadSeconds(), "3 s since the resume minus its 2 s of steps");
  }

  @Test
  void withoutSamplesTheMeanRatiosAreNotANumberAndACheckpointWithoutDiagnosticsStartsTheirSumsAtZero() {
    TrainingPosition withoutDiagnostics = new TrainingPosition(1, 1, 1, 0,
        new TrainingPosition.EpochProgress(2.0, 3, new double[0], 0, 1.0), Double.NaN, Double.NaN);
    EpochAccumulator epoch = EpochAccumulator.resume(withoutDiagnostics, 3, 10, 2, 0);
    assertArrayEquals(new double[] {Double.NaN, Double.NaN}, epoch.meanUpdateRatios());
    epoch.addUpdateRatios(new double[] {0.5, 0.25});
    assertArrayEquals(new double[] {0.5, 0.25}, epoch.meanUpdateRatios());
  }

  @Test
  void anEpochHasItsStepsAndNoMetricsBeforeTheyAreAllDone() {
    EpochAccumulator epoch = EpochAccumulator.start(1, 2, 10, 0, 0);
    epoch.addStep(1.0f, 1, 1.0);
    assertThrows(IllegalStateException.class, () -> epoch.finishSteps(SECOND));
    assertThrows(IllegalStateException.class, () -> epoch.metrics(0.1, TEST, 0, TRAIN_SAMPLE, 1));
    epoch.addStep(1.0f, 1, 1.0);
    assertThrows(IllegalStateException.class, () -> epoch.addStep(1.0f, 1, 1.0));
    epoch.finishSteps(3 * SECOND);
    assertEquals(1.0, epoch.metrics(0.1, TEST, 0, TRAIN_SAMPLE, 2).overheadSeconds());
  }
}
