package dev.convbench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convbench.data.Dataset;
import dev.convbench.data.DatasetLoader;
import dev.convbench.data.DatasetOptions;
import dev.convbench.results.RunStatus;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.Optimizer;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The baseline CNN learns real CIFAR-10: trained on the shared subset's 5,085 images for 10 epochs it must reach
 * at least 35 % on the subset's 1,017 test images (a plain PyTorch run of the same network gets about 44 %).
 * Runs only where {@code CIFAR10_DIR} points at the subset ({@code .ci/run} sets it).
 */
class RealCifarAccuracyTest {

  @Test
  void baselineCnnLearnsRealCifar10() throws Exception {
    String dir = System.getenv("CIFAR10_DIR");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "CIFAR10_DIR not set: real-data test skipped");
    Dataset data = DatasetLoader.read(Path.of(dir), DatasetOptions.defaults().withAllowPartial(true));
    assertEquals(5085, data.train().count());
    assertEquals(1017, data.eval().count());

    ArchitecturePlugin cnn = new BaselineCnn();
    TrainingConfig cfg = new TrainingConfig(10, 64,
        new Optimizer.Sgd(0.02, 0.9, true), LearningRateSchedule.defaults(), 5e-4,
        AugmentationConfig.none(), null, 0);
    TrainingOutcome outcome = new Trainer().train(cnn, HyperParameters.defaults(cnn.hyperParameters()), cfg, data,
        1, new TrainingListener() {
          @Override
          public void onEpoch(EpochMetrics m) {
            System.out.printf("baseline-cnn on the real subset: %s%n", m);
          }
        });
    assertEquals(RunStatus.COMPLETED, outcome.status(), outcome.reason());
    assertEquals(10, outcome.epochs().size());
    EpochMetrics last = outcome.epochs().get(outcome.epochs().size() - 1);
    assertTrue(last.testAccuracy() >= 0.35, "test accuracy after 10 epochs: " + last.testAccuracy());
  }
}
