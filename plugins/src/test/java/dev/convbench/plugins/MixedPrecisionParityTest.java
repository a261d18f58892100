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
import dev.convbench.training.Hardware;
import dev.convbench.training.Optimizer;
import dev.convbench.training.Precision;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bf16 learns what fp32 learns: on the real subset, three seeds each, the mean final test accuracy in bf16 is within
 * 2 percentage points of fp32's and no bf16 run diverges. A shorter version of {@code experiments/mixed-precision.yaml}
 * (about two minutes here). Runs where {@code CIFAR10_DIR} points at the subset and the CPU computes bf16 natively
 * (elsewhere the rewriter leaves the graph in fp32 or emulates it, and there is nothing to compare).
 */
class MixedPrecisionParityTest {

  private static final double TOLERANCE_PP = 2.0;

  @ParameterizedTest(name = "{0}, {1} epochs")
  @CsvSource({"baseline-cnn, 6", "resnet18-width16, 3"})
  void bf16MeanFinalAccuracyIsWithinTwoPointsOfFp32(String network, int epochs) throws Exception {
    String dir = System.getenv("CIFAR10_DIR");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "CIFAR10_DIR not set: real-data test skipped");
    assumeTrue(Hardware.detect(false, 0).cpuHasBf16(), "this CPU has no bf16 instructions");
    Dataset data = DatasetLoader.read(Path.of(dir), DatasetOptions.defaults().withAllowPartial(true));
    ArchitecturePlugin plugin = network.equals("baseline-cnn") ? new BaselineCnn() : new ResNet();
    HyperParameters params = network.equals("baseline-cnn") ? HyperParameters.defaults(plugin.hyperParameters())
        : HyperParameters.resolve(plugin.hyperParameters(), Map.of("depth", 18, "width", 16));
    TrainingConfig cfg = new TrainingConfig(epochs, 64,
        new Optimizer.Sgd(0.05, 0.9, true), LearningRateSchedule.defaults(), 5e-4,
        AugmentationConfig.standard(), null, 0);
    double fp32 = meanFinalAccuracy(plugin, params, cfg.withPrecision(Precision.FP32), data, network);
    double bf16 = meanFinalAccuracy(plugin, params, cfg.withPrecision(Precision.BF16), data, network);
    System.out.printf("%s after %d epochs, mean of 3 seeds: fp32 %.2f %%, bf16 %.2f %%%n", network, epochs,
        fp32 * 100, bf16 * 100);
    assertTrue(Math.abs(bf16 - fp32) * 100 <= TOLERANCE_PP,
        String.format("%s: bf16 %.2f %% against fp32 %.2f %%", network, bf16 * 100, fp32 * 100));
  }

  private static double meanFinalAccuracy(ArchitecturePlugin plugin, HyperParameters params, TrainingConfig cfg,
      Dataset data, String network) {
    return LongStream.of(1, 2, 3).mapToDouble(seed -> {
      TrainingOutcome outcome = new Trainer().train(plugin, params, cfg, data, seed, new TrainingListener() {});
      assertEquals(RunStatus.COMPLETED, outcome.status(),
          network + " " + cfg.precision() + " seed " + seed + ": " + outcome.reason());
      double accuracy = outcome.epochs().get(outcome.epochs().size() - 1).testAccuracy();
      System.out.printf("%s %s seed %d: %.2f %%%n", network, cfg.precision(), seed, accuracy * 100);
      return accuracy;
    }).average().orElseThrow();
  }
}
