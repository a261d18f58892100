package dev.convbench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.graph.NetworkSummary;
import dev.convbench.results.RunStatus;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.Optimizer;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.StepLoss;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltInArchitecturesTest {

  static ArchitecturePlugin plugin(String name) {
    return ServiceLoader.load(ArchitecturePlugin.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no plugin " + name));
  }

  private static final Map<String, NetworkSummary> SUMMARIES = new ConcurrentHashMap<>();

  /** The structure of plugin {@code name} with {@code options} over its defaults, built once per test run. */
  static NetworkSummary summary(String name, Map<String, Object> options) {
    return SUMMARIES.computeIfAbsent(name + " " + options, key -> {
      ArchitecturePlugin p = plugin(name);
      return NetworkSummary.of(p, HyperParameters.resolve(p.hyperParameters(), options), 10);
    });
  }

  @ParameterizedTest(name = "{0} has {1} trainable parameters, as its PyTorch original")
  @CsvSource({"baseline-cnn, 62006", "resnet18, 11173962",
      "resnet, 11173962", "se-resnet18, 11270722", "res2net18, 2587018", "densenet, 186370",
      "densenet121-se, 7270202"})
  void parameterCountsMatchTheSeeds(String name, long expected) {
    NetworkSummary summary = summary(name, Map.of());
    assertEquals(expected, summary.parameters());
    assertEquals(expected, summary.layers().stream().mapToLong(l -> l.parameters()).sum(),
        "the per-layer lines add up to the total");
    assertEquals(List.of(-1L, 10L), summary.layers().get(summary.layers().size() - 1).outputShape());
  }

  @Test
  void resnet18StagesHalveResolution() {
    ArchitecturePlugin p = plugin("resnet18");
    NetworkSummary summary = NetworkSummary.of(p, HyperParameters.defaults(p.hyperParameters()), 10);
    assertEquals(List.of(-1L, 4L, 4L, 512L), summary.layers().stream()
        .filter(l -> l.name().equals("layer4/block2/relu2")).findFirst().orElseThrow().outputShape());
  }

  /** Gradients reach every layer: the network memorises 64 images (loss falls by at least half). */
  @ParameterizedTest(name = "{0} overfits 64 images within {1} steps")
  @CsvSource({"baseline-cnn, 150", "resnet18, 16", "se-resnet18, 16"})
  void gradientsFlow(String name, int steps) {
    ArchitecturePlugin p = plugin(name);
    EpochMetrics end = assertLossHalves(p, HyperParameters.defaults(p.hyperParameters()), steps);
    assertTrue(end.testAccuracy() > 0.3, "inference mode on the memorised images: " + end);
  }

  /**
   * Trains {@code p} with Adam on 64 images (one batch) for {@code steps} steps: the loss must fall by at least half.
   *
   * @return the last epoch's metrics (evaluation in inference mode on the same images)
   */
  static EpochMetrics assertLossHalves(ArchitecturePlugin p, HyperParameters params, int steps) {
    String name = p.name() + " " + params;
    TrainingConfig cfg = new TrainingConfig(steps, 64,
        new Optimizer.Adam(2e-3, 0.9, 0.999, 1e-8), new LearningRateSchedule.Constant(0), 0,
        AugmentationConfig.none(), null, 1);
    List<Double> losses = new ArrayList<>();
    TrainingOutcome outcome = new Trainer().train(p, params, cfg,
        TinyData.memorisable(64, 7), 1, new TrainingListener() {
          @Override
          public void onStepLoss(StepLoss loss) {
            losses.add(loss.loss());
          }
        });
    assertEquals(RunStatus.COMPLETED, outcome.status());
    double first = losses.get(0);
    double last = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(d -> d).average()
        .orElseThrow();
    assertTrue(last <= first / 2, name + ": loss " + first + " -> " + last + " (" + losses + ")");
    return outcome.epochs().get(outcome.epochs().size() - 1);
  }
}
