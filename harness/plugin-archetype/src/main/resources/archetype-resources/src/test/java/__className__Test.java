package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.graph.NetworkSummary;
import dev.convbench.results.RunStatus;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Optimizer;
import dev.convbench.training.StepLoss;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ${className}Test {

  private final ${className} plugin = new ${className}();
  private final HyperParameters defaults = HyperParameters.defaults(plugin.hyperParameters());

  @Test
  void isFoundThroughItsServicesFile() {
    assertTrue(ServiceLoader.load(ArchitecturePlugin.class).stream()
        .anyMatch(p -> p.type() == ${className}.class),
        "src/main/resources/META-INF/services/dev.convbench.spi.ArchitecturePlugin must name ${package}.${className}");
  }

  @Test
  void parameterCountAtTheDefaultWidth() {
    // width 32, on 3-channel images and 10 classes:
    //   stage1/conv1  3×3 kernels, 3 → 32 channels, no bias      3·3·3·32 =    864
    //   stage1/bn1    a scale and a shift per channel                2·32 =     64
    //   stage2/conv1  3×3 kernels, 32 → 64 channels, no bias    3·3·32·64 = 18,432
    //   stage2/bn1                                                   2·64 =    128
    //   head/fc1      64 features → 10 classes, with bias      64·10 + 10 =    650
    //                                                                      = 20,138
    // Pooling and ReLU have none; batch norm's moving averages are state, not trained.
    NetworkSummary summary = NetworkSummary.of(plugin, defaults, 10);
    assertEquals(20_138, summary.parameters());
    assertEquals(List.of(-1L, 10L), summary.layers().get(summary.layers().size() - 1).outputShape());
  }

  /**
   * Trains with the trainer {@code convbench run} uses, on 100 generated images whose class shows in their colour:
   * the loss halves and the inference pass, which reads the trained weights and batch norm's moving averages,
   * classifies most of them.
   */
  @Test
  void learnsFromItsTrainingSteps() {
    int images = 100;
    int epochs = 15;
    // A batch is the whole set, so an epoch is one step.
    TrainingConfig config = new TrainingConfig(epochs, images, new Optimizer.Adam(0.01, 0.9, 0.999, 1e-8),
        new LearningRateSchedule.Constant(0), 0, AugmentationConfig.none(), null, 1);
    List<Double> losses = new ArrayList<>();
    TrainingOutcome outcome = new Trainer().train(plugin, defaults, config, tintedImages(images), 1,
        new TrainingListener() {
          @Override
          public void onStepLoss(StepLoss loss) {
            losses.add(loss.loss());
          }
        });

    assertEquals(RunStatus.COMPLETED, outcome.status(), outcome.reason());
    assertEquals(epochs, losses.size(), "one step per epoch: " + losses);
    assertTrue(losses.get(epochs - 1) < losses.get(0) / 2, "loss " + losses);
    EpochMetrics last = outcome.epochs().get(epochs - 1);
    assertTrue(last.testAccuracy() > 0.5, "inference on the training images: " + last);
  }

  /** {@code count} images labelled {@code i % 10}, each class a colour of its own plus noise; train = eval set. */
  private static Dataset tintedImages(int count) {
    Random random = new Random(7);
    byte[] pixels = new byte[count * ImageSet.IMAGE_BYTES];
    byte[] labels = new byte[count];
    int pixelsPerImage = ImageSet.SIDE * ImageSet.SIDE;
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % ImageSet.CLASSES);
      for (int p = 0; p < ImageSet.IMAGE_BYTES; p++) {
        int channel = p / pixelsPerImage; // CIFAR-10's layout: the red plane, then green, then blue
        int tint = 25 * ((labels[i] + 3 * channel) % ImageSet.CLASSES);
        pixels[i * ImageSet.IMAGE_BYTES + p] = (byte) (tint + random.nextInt(30));
      }
    }
    ImageSet set = new ImageSet(pixels, labels, count);
    return new Dataset(set, set, "train", Path.of("generated"), Map.of("generated", count), true);
  }
}
