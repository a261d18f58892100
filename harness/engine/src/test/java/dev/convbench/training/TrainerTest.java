package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.RunStatus;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {

  private static final SmallNet NET = new SmallNet();

  private static TrainingConfig config(int epochs, LearningRateSchedule schedule) {
    return new TrainingConfig(epochs, 20, new Optimizer.Sgd(0.1, 0.9, true), schedule, 5e-4, AugmentationConfig.standard(), null, 1);
  }

  private static TrainingOutcome train(TrainingConfig cfg, long seed) {
    return new Trainer().train(NET, HyperParameters.defaults(List.of()), cfg, SmallNet.data(100, 3), seed,
        new TrainingListener() {});
  }

  /**
   * Same seed: same initial weights, data order and augmentation, so the first step's loss is identical; later
   * steps agree to float rounding only, because multi-threaded CPU kernels sum in varying order.
   */
  @Test
  void sameSeedRepeatsTheRunAndAnotherSeedDoesNot() {
    TrainingConfig cfg = config(2, new LearningRateSchedule.Constant(0));
    List<Double> a = stepLosses(cfg, 7);
    List<Double> b = stepLosses(cfg, 7);
    List<Double> c = stepLosses(cfg, 8);
    assertEquals(a.get(0), b.get(0), 1e-6, "first step");
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i), b.get(i), 1e-2 * Math.abs(a.get(i)), "step " + (i + 1));
    }
    assertNotEquals(a.get(0), c.get(0), 1e-6);
  }

  private static List<Double> stepLosses(TrainingConfig cfg, long seed) {
    List<Double> losses = new java.util.ArrayList<>();
    new Trainer().train(NET, HyperParameters.defaults(List.of()), cfg, SmallNet.data(100, 3), seed,
        new TrainingListener() {
          @Override
          public void onStepLoss(StepLoss loss) {
            losses.add(loss.loss());
          }
        });
    return losses;
  }

  @Test
  void epochMetricsAreConsistent() {
    TrainingOutcome outcome = train(config(3, LearningRateSchedule.defaults()), 1);
    assertEquals(RunStatus.COMPLETED, outcome.status());
    assertEquals(3, outcome.epochs().size());
    double cumulative = 0;
    for (EpochMetrics m : outcome.epochs()) {
      cumulative += m.epochSeconds();
      assertEquals(cumulative, m.cumulativeSeconds(), 1e-9);
      assertTrue(m.trainAccuracy() >= 0 && m.trainAccuracy() <= 1 && m.testAccuracy() >= 0 && m.testAccuracy() <= 1);
    }
    assertEquals(3 * 3 * 3 * 8 + 2 * 8 + 8 * 10 + 10, outcome.parameters(), "conv + bn + dense");
  }

  /**
   * Throughput is the images trained in the epoch over the seconds its steps took, as the listener was told them:
   * 110 images at batch 20 train five full batches, 100 images, and the ten left over are not counted.
   */
  @Test
  void imagesPerSecondCountsTheImagesTrainedOverTheTimedSteps() {
    List<Double> stepSecondsByEpoch = new java.util.ArrayList<>();
    double[] epochStepSeconds = {0};
    TrainingOutcome outcome = new Trainer().train(NET, HyperParameters.defaults(List.of()),
        config(2, new LearningRateSchedule.Constant(0)), SmallNet.data(110, 3), 1, new TrainingListener() {
          @Override
          public void onStepTime(double seconds) {
            epochStepSeconds[0] += seconds;
          }

          @Override
          public void onEpoch(EpochMetrics m) {
            stepSecondsByEpoch.add(epochStepSeconds[0]);
            epochStepSeconds[0] = 0;
          }
        });
    assertEquals(2, stepSecondsByEpoch.size());
    for (EpochMetrics m : outcome.epochs()) {
      double images = m.imagesPerSecond() * stepSecondsByEpoch.get(m.epoch() - 1);
      assertEquals(100, images, 1e-6, "epoch " + m.epoch());
    }
  }

  /** A slow listener (a progress display, a slow disk) must not count as training time. */
  @Test
  void trainingTimeCountsTheStepsOnlyAndTheRestIsOverhead() {
    double[] stepTimes = {0};
    TrainingOutcome outcome = new Trainer().train(NET, HyperParameters.defaults(List.of()),
        config(2, new LearningRateSchedule.Constant(0)), SmallNet.data(100, 3), 1, new TrainingListener() {
          @Override
          public void onStepTime(double seconds) {
            stepTimes[0] += seconds;
          }

          @Override
          public void onStep(int epoch, int step, double loss, double accuracy, double imagesPerSecond) {
            try {
              Thread.sleep(40);
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        });
    double training = outcome.epochs().stream().mapToDouble(EpochMetrics::epochSeconds).sum();
    double overhead = outcome.epochs().stream().mapToDouble(EpochMetrics::overheadSeconds).sum();
    assertEquals(stepTimes[0], training, 1e-9, "training time is the sum of the timed steps");
    assertTrue(overhead >= 2 * 5 * 0.040, "10 steps × 40 ms of listener are overhead: " + overhead);
  }

  @Test
  void cosineScheduleIsComputedInTheGraph() {
    TrainingOutcome outcome = train(config(4, LearningRateSchedule.defaults()), 1);
    int steps = 4 * 5;
    for (EpochMetrics m : outcome.epochs()) {
      int step = m.epoch() * 5; // the rate the next step would use
      double expected = 0.5 * 0.1 * (1 + Math.cos(Math.PI * step / steps));
      assertEquals(expected, m.learningRate(), 1e-6, "epoch " + m.epoch());
    }
  }

  @Test
  void stepScheduleDecaysEveryStepEpochs() {
    TrainingOutcome outcome = train(config(4, new LearningRateSchedule.Step(2, 0.1, 0)), 1);
    double[] expected = {0.1, 0.01, 0.01, 0.001};
    for (EpochMetrics m : outcome.epochs()) {
      assertEquals(expected[m.epoch() - 1], m.learningRate(), 1e-7, "epoch " + m.epoch());
    }
  }

  @Test
  void aDivergingRunStopsAndSaysWhy() {
    TrainingConfig wild = new TrainingConfig(3, 20, new Optimizer.Sgd(1e8, 0.9, false), new LearningRateSchedule.Constant(0), 0, AugmentationConfig.none(), null, 1);
    TrainingOutcome outcome = train(wild, 1);
    assertEquals(RunStatus.DIVERGED, outcome.status());
    assertTrue(outcome.reason().contains("loss became"), outcome.reason());
  }

  @Test
  void theNetworkLearns() {
    TrainingOutcome outcome = new Trainer().train(NET, HyperParameters.defaults(List.of()),
        new TrainingConfig(15, 20, new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8),
            new LearningRateSchedule.Constant(0), 0, AugmentationConfig.none(), null, 0),
        SmallNet.data(100, 3), 1, new TrainingListener() {});
    EpochMetrics first = outcome.epochs().get(0);
    EpochMetrics last = outcome.epochs().get(outcome.epochs().size() - 1);
    assertTrue(last.trainLoss() < first.trainLoss() / 2, first + " -> " + last);
    assertTrue(last.testAccuracy() > 0.5, "inference mode with moving averages: " + last);
  }
}
