package dev.convbench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.graph.LayerInfo;
import dev.convbench.graph.Network;
import dev.convbench.graph.NetworkSummary;
import dev.convbench.graph.VariableStore;
import dev.convbench.results.RunStatus;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.Optimizer;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.StepLoss;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The classic architectures (lenet5, alexnet, vgg, nin, googlenet, mobilenet, and baseline-cnn's padding):
 * parameter counts equal to the same networks in PyTorch, shapes, and gradients reaching every layer.
 * The PyTorch figures come from {@code ci/benchmarks/pytorch/classic_param_counts.py} (PyTorch 1.13).
 */
class ClassicArchitecturesTest {

  /** {@code "key=value;key=value"} over the plugin's defaults. */
  static HyperParameters params(ArchitecturePlugin plugin, String settings) {
    return HyperParameters.resolve(plugin.hyperParameters(), Options.parse(settings));
  }

  static NetworkSummary summary(String name, String settings) {
    ArchitecturePlugin p = BuiltInArchitecturesTest.plugin(name);
    return NetworkSummary.of(p, params(p, settings), 10);
  }

  static List<Long> shapeOf(NetworkSummary summary, String layer) {
    return summary.layers().stream().filter(l -> l.name().equals(layer)).findFirst()
        .orElseThrow(() -> new AssertionError("no layer " + layer + " in " + summary.layers().stream()
            .map(LayerInfo::name).toList()))
        .outputShape();
  }

  @ParameterizedTest(name = "{0} {1}: {2} trainable parameters, as in PyTorch")
  @CsvSource(delimiter = '|', value = {
      "baseline-cnn |                               | 62006",
      "baseline-cnn | padding=2                     | 83126",
      "lenet5       |                               | 62006",
      "lenet5       | activation=relu               | 62006",
      "lenet5       | batch-norm=true               | 62458",
      "alexnet      |                               | 29983114",
      "alexnet      | width=1024                    | 7139722",
      "vgg          | depth=11                      | 9750922",
      "vgg          | depth=13                      | 9935434",
      "vgg          |                               | 15245130",
      "vgg          | depth=19                      | 20554826",
      "vgg          | depth=16;batch-norm=true      | 15253578",
      "nin          |                               | 1987750",
      "googlenet    |                               | 5976122",
      "googlenet    | batch-norm=true               | 5983402",
      "mobilenet    |                               | 3207306",
      "mobilenet    | width-multiplier=0.5          | 818762",
      "mobilenet    | width-multiplier=0.25         | 213162",
  })
  void parameterCountsMatchPyTorch(String name, String settings, long expected) {
    NetworkSummary summary = summary(name, settings);
    assertEquals(expected, summary.parameters());
    assertEquals(expected, summary.layers().stream().mapToLong(LayerInfo::parameters).sum(),
        "the per-layer lines add up to the total");
    assertEquals(List.of(-1L, 10L), summary.layers().get(summary.layers().size() - 1).outputShape());
  }

  @Test
  void googlenetInceptionBlocksHaveSeed001sParameters() {
    NetworkSummary summary = summary("googlenet", "");
    long blocks = summary.layers().stream().filter(l -> l.name().matches("inception[345]/inception\\d+/.*"))
        .mapToLong(LayerInfo::parameters).sum();
    assertEquals(5_849_136, blocks, "the nine Inception blocks 3a-5b of seed 001, in PyTorch");
    assertEquals(List.of(-1L, 16L, 16L, 480L), shapeOf(summary, "inception3/inception2/concat"));
    assertEquals(List.of(-1L, 8L, 8L, 832L), shapeOf(summary, "inception4/inception5/concat"));
    assertEquals(List.of(-1L, 4L, 4L, 1024L), shapeOf(summary, "inception5/inception2/concat"));
  }

  @Test
  void shapesFollowTheDocumented32x32Adaptations() {
    assertEquals(List.of(-1L, 576L), shapeOf(summary("baseline-cnn", "padding=2"), "classifier/flatten1"),
        "seed 000: fc 576→120");
    assertEquals(List.of(-1L, 400L), shapeOf(summary("lenet5", ""), "classifier/flatten1"));
    assertEquals(List.of(-1L, 120L), shapeOf(summary("lenet5", "batch-norm=true"), "classifier/bn1"));
    assertEquals(List.of(-1L, 3L, 3L, 256L), shapeOf(summary("alexnet", ""), "features/maxpool3"));
    assertEquals(List.of(-1L, 1L, 1L, 512L), shapeOf(summary("vgg", "depth=19"), "vgg5/maxpool1"));
    assertEquals(List.of(-1L, 3L, 3L, 10L), shapeOf(summary("nin", ""), "nin4/relu3"));
    NetworkSummary mobilenet = summary("mobilenet", "");
    assertEquals(List.of(-1L, 16L, 16L, 32L), shapeOf(mobilenet, "stem/relu1"));
    assertEquals(List.of(-1L, 1L, 1L, 1024L), shapeOf(mobilenet, "layers/dsconv13/relu1"));
    assertEquals(13, mobilenet.layers().stream().filter(l -> l.name().startsWith("layers/")
        && l.op().startsWith("BatchNorm2d")).count(), "seed 002: one batch norm per depthwise-separable block");
    assertEquals("Conv2d(512→512, 3×3, stride 2, padding 1, groups 512, bias=false)",
        mobilenet.layers().stream().filter(l -> l.name().equals("layers/dsconv12/dwconv1")).findFirst()
            .orElseThrow().op());
  }

  @ParameterizedTest(name = "{0} rejects {1}")
  @CsvSource(delimiter = '|', value = {
      "baseline-cnn | padding=3",
      "lenet5       | activation=tanh",
      "alexnet      | dropout=1.0",
      "vgg          | depth=12",
      "nin          | dropout=-0.1",
      "googlenet    | batch-norm=yes",
      "mobilenet    | width-multiplier=0.1",
  })
  void invalidHyperParametersAreRejected(String name, String settings) {
    ArchitecturePlugin p = BuiltInArchitecturesTest.plugin(name);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> params(p, settings));
    assertTrue(e.getMessage().startsWith(settings.split("=")[0]), e.getMessage());
  }

  /** Every trainable variable gets a finite, non-zero gradient from one batch (defaults, training mode). */
  @ParameterizedTest(name = "{0}: every variable gets a gradient")
  @ValueSource(strings = {"lenet5", "alexnet", "vgg", "nin", "googlenet", "mobilenet"})
  void everyVariableGetsAGradient(String name) {
    ArchitecturePlugin p = BuiltInArchitecturesTest.plugin(name);
    int batch = 4;
    Random random = new Random(11);
    float[] pixels = new float[batch * 32 * 32 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    float[] labels = new float[batch * 10];
    for (int i = 0; i < batch; i++) {
      labels[i * 10 + i % 10] = 1f;
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableStore variables = new VariableStore(tf, 5);
      Operand<TFloat32> images = tf.constant(Shape.of(batch, 32, 32, 3), DataBuffers.of(pixels, true, false));
      Operand<TFloat32> oneHot = tf.constant(Shape.of(batch, 10), DataBuffers.of(labels, true, false));
      Operand<TFloat32> logits = p.logits(new Network(tf.withSubScope("train"), true, 10, variables), images,
          HyperParameters.defaults(p.hyperParameters()));
      Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(),
          tf.constant(0));
      List<Variable<TFloat32>> weights = variables.trainableVariables();
      Output<?>[] xs = weights.stream().map(Variable::asOutput).toArray(Output<?>[]::new);
      Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
      List<Operand<TFloat32>> norms = new ArrayList<>();
      for (Output<?> grad : grads) {
        @SuppressWarnings("unchecked")
        Operand<TFloat32> gr = (Operand<TFloat32>) grad;
        norms.add(tf.reduceSum(tf.math.square(gr), tf.range(tf.constant(0), tf.rank(gr), tf.constant(1))));
      }
      try (Session s = new Session(g)) {
        s.initialize();
        Session.Runner runner = s.runner();
        norms.forEach(runner::fetch);
        try (Result r = runner.run()) {
          List<String> names = variables.trainableNames();
          for (int i = 0; i < norms.size(); i++) {
            float norm = ((TFloat32) r.get(i)).getFloat();
            assertTrue(norm > 0 && Float.isFinite(norm), name + ": gradient of " + names.get(i) + " is " + norm);
          }
        }
      }
    }
  }

  /**
   * Gradients reach every layer: the network memorises a small set (loss falls by at least half). Adam throughout.
   * Smaller configurations where the default one is slow on a 2-core CPU or plateaus: lenet5 with sigmoid starts
   * slowly (saturated sigmoids) and gets 200 cheap steps; vgg runs at depth 11 with batch norm and googlenet with
   * batch norm, both on 16 images (without batch norm, PyTorch's default initialisation shrinks the signal through
   * these deep plain stacks and the loss stays near ln 10 for dozens of steps, in PyTorch as here).
   */
  @ParameterizedTest(name = "{0} {1} memorises {2} images within {3} steps")
  @CsvSource(delimiter = '|', value = {
      "lenet5       |                          | 64 | 200 | 5e-3",
      "lenet5       | activation=relu          | 64 | 60  | 2e-3",
      "lenet5       | batch-norm=true          | 64 | 60  | 2e-3",
      "baseline-cnn | padding=2                | 64 | 60  | 2e-3",
      "mobilenet    |                          | 64 | 10  | 2e-3",
      "vgg          | depth=11;batch-norm=true | 16 | 25  | 2e-4",
      "googlenet    | batch-norm=true          | 16 | 6   | 2e-3",
  })
  void gradientsFlow(String name, String settings, int images, int steps, double learningRate) {
    ArchitecturePlugin p = BuiltInArchitecturesTest.plugin(name);
    TrainingConfig cfg = new TrainingConfig(steps, images,
        new Optimizer.Adam(learningRate, 0.9, 0.999, 1e-8),
        new LearningRateSchedule.Constant(0), 0, AugmentationConfig.none(), null, 1);
    List<Double> losses = new ArrayList<>();
    TrainingOutcome outcome = new Trainer().train(p, params(p, settings), cfg, TinyData.memorisable(images, 7), 1,
        new TrainingListener() {
          @Override
          public void onStepLoss(StepLoss loss) {
            losses.add(loss.loss());
          }
        });
    assertEquals(RunStatus.COMPLETED, outcome.status());
    double first = losses.get(0);
    double last = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(d -> d).average()
        .orElseThrow();
    assertTrue(last <= first / 2, name + " " + settings + ": loss " + first + " -> " + last + " (" + losses + ")");
  }
}
