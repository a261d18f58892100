package dev.convbench.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.graph.Network;
import dev.convbench.graph.VariableStore;
import dev.convbench.plugins.BaselineCnn;
import dev.convbench.plugins.ResNet18;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What the harness costs: the training step of a network as convbench runs it ({@link Trainer}, the path of
 * {@code bench} and {@code run}: data set in the graph, augmentation ops, weight decay, gradient barrier, and with or
 * without the per-layer diagnostics) against a bare TensorFlow Java graph of the same network built from the same
 * layers (a fed float batch, softmax cross-entropy, weight decay, momentum updates, nothing else), in the same
 * session options. Interleaved rounds in one JVM, so the ratios compare like with like.
 *
 * <p>A benchmark, not a test: skipped unless {@code -Dconvbench.benchmark=true}; {@code ci/benchmarks/bare-graph.sh}
 * runs it.
 */
class BareGraphBenchmark {

  private static final int BATCH = 128;
  private static final int WARMUP = 3;

  @Test
  void harnessAgainstBareGraph() {
    assumeTrue(Boolean.getBoolean("convbench.benchmark"), "benchmark: run with -Dconvbench.benchmark=true");
    String network = System.getProperty("convbench.network", "resnet18");
    int steps = Integer.getInteger("convbench.steps", 10);
    int rounds = Integer.getInteger("convbench.rounds", 3);
    AugmentationConfig augmentation = System.getProperty("convbench.augmentation", "standard").equals("none")
        ? AugmentationConfig.none() : AugmentationConfig.standard();
    List<Precision> precisions = Arrays.stream(System.getProperty("convbench.precisions", "fp32,bf16").split(","))
        .map(p -> Precision.parse(p).orElseThrow()).toList();
    ArchitecturePlugin plugin = network.equals("baseline-cnn") ? new BaselineCnn() : new ResNet18();
    HyperParameters params = HyperParameters.defaults(plugin.hyperParameters());
    System.out.printf(Locale.ROOT, "# %s, batch %d, %d timed steps after %d warm-up per measurement, %d rounds, %d"
        + " processors, harness augmentation %s%n", network, BATCH, steps, WARMUP, rounds,
        Runtime.getRuntime().availableProcessors(), augmentation.equals(AugmentationConfig.none()) ? "none" : "standard");
    System.out.println("round\tprecision\tbare_ms\tharness_no_diag_ms\tharness_ms");
    for (int round = 1; round <= rounds; round++) {
      for (Precision precision : precisions) {
        double bare = bareMedianMs(plugin, params, precision, steps);
        double noDiagnostics = harnessMedianMs(plugin, params, precision, steps, false, augmentation);
        double harness = harnessMedianMs(plugin, params, precision, steps, true, augmentation);
        System.out.printf(Locale.ROOT, "%d\t%s\t%.1f\t%.1f\t%.1f%n", round, precision, bare, noDiagnostics, harness);
      }
    }
  }

  private static double harnessMedianMs(ArchitecturePlugin plugin, HyperParameters params, Precision precision,
      int steps, boolean diagnostics, AugmentationConfig augmentation) {
    TrainingConfig cfg = new TrainingConfig(1, BATCH, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 5e-4,
        augmentation, null, 10, precision);
    List<Double> ms = new ArrayList<>();
    try (PreparedRun run = new Trainer().prepare(plugin, params, cfg, randomImages(BATCH * (WARMUP + steps)), 1,
        diagnostics)) {
      run.run(new TrainingListener() {
        @Override
        public void onStepTime(double seconds) {
          ms.add(seconds * 1000);
        }
      });
    }
    return median(ms.subList(WARMUP, ms.size()));
  }

  private static double bareMedianMs(ArchitecturePlugin plugin, HyperParameters params, Precision precision,
      int steps) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, 32, 32, 3)));
      Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(BATCH)));
      VariableStore variables = new VariableStore(tf, 1);
      Network net = new Network(tf.withSubScope("model"), true, ImageSet.CLASSES, variables);
      Operand<TFloat32> logits = plugin.logits(net, images, params);
      Operand<TFloat32> loss = tf.math.mean(TrainingLoss.crossEntropy(tf, logits, labels, ImageSet.CLASSES),
          tf.constant(0));
      List<Variable<TFloat32>> weights = variables.trainableVariables();
      List<Operand<TFloat32>> penalties = new ArrayList<>();
      weights.forEach(w -> penalties.add(tf.nn.l2Loss(w)));
      Operand<TFloat32> objective = tf.math.add(loss, tf.math.mul(tf.constant(5e-4f), tf.math.addN(penalties)));
      Output<?>[] grads = graph.addGradients(objective.asOutput(),
          weights.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
      List<Op> targets = new ArrayList<>(net.updates());
      Ops init = tf.withInitScope();
      for (int i = 0; i < grads.length; i++) {
        Variable<TFloat32> w = weights.get(i);
        @SuppressWarnings("unchecked")
        Operand<TFloat32> g = (Operand<TFloat32>) grads[i];
        Variable<TFloat32> accumulator = tf.variable(init.fill(init.constant(w.shape().asArray()), init.constant(0f)));
        targets.add(tf.train.applyMomentum(w, accumulator, tf.constant(0.05f), g, tf.constant(0.9f)));
      }
      float[] pixels = new float[BATCH * 32 * 32 * 3];
      Random random = new Random(1);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextGaussian();
      }
      int[] classes = new int[BATCH];
      Arrays.setAll(classes, i -> i % ImageSet.CLASSES);
      try (Session session = new Session(graph, SessionConfig.of(Threads.DEFAULT, precision, DeviceSetting.AUTO));
          TFloat32 x = TFloat32.tensorOf(Shape.of(BATCH, 32, 32, 3), DataBuffers.of(pixels, true, false));
          TInt32 y = TInt32.vectorOf(classes)) {
        session.initialize();
        List<Double> ms = new ArrayList<>();
        for (int s = 0; s < WARMUP + steps; s++) {
          Session.Runner runner = session.runner().feed(images, x).feed(labels, y).fetch(loss);
          targets.forEach(runner::addTarget);
          long start = System.nanoTime();
          runner.run().close();
          ms.add((System.nanoTime() - start) / 1e6);
        }
        return median(ms.subList(WARMUP, ms.size()));
      }
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Dataset randomImages(int count) {
    byte[] pixels = new byte[count * ImageSet.IMAGE_BYTES];
    new Random(1).nextBytes(pixels);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % ImageSet.CLASSES);
    }
    ImageSet train = new ImageSet(pixels, labels, count);
    return new Dataset(train, train.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), "random", Path.of("random"),
        Map.of("random", count), true);
  }
}
