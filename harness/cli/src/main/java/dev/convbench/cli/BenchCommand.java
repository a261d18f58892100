package dev.convbench.cli;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.training.CheckpointPolicy;
import dev.convbench.training.CheckpointSink;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.AtomicFiles;
import dev.convbench.results.RunStatus;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import dev.convbench.training.Hardware;
import dev.convbench.training.Optimizer;
import dev.convbench.training.Precision;
import dev.convbench.training.PreparedRun;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Threads;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convbench bench ARCH}: times the real training step of an architecture on this machine (random images in
 * CIFAR-10's format, so no data set is needed). Reports the median and spread of step times after warm-up.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Time the training step of an architecture on this machine: median and spread of step times "
        + "(after warm-up), images/s, graph build time. Uses random images; needs no data set."})
final class BenchCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;
  private final Trainer trainer;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Mixin
  ArchitectureOptions architectureOptions;

  @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed first steps (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--no-diagnostics",
      description = "Leave out the per-layer gradient-flow diagnostics (to measure what they cost).")
  boolean noDiagnostics;

  @Option(names = "--log-every-steps", defaultValue = "10",
      description = "Sample the loss and layer diagnostics every N steps, as a run would (default ${DEFAULT-VALUE}).")
  int logEverySteps;

  @Option(names = "--event-dir", paramLabel = "DIR",
      description = "Also write TensorBoard event files into DIR, as every run does (to measure what they cost).")
  Path eventDir;

  @Option(names = "--precision", defaultValue = "fp32", paramLabel = "P",
      description = "fp32, bf16, fp16 or auto (default ${DEFAULT-VALUE}); auto is what `convbench doctor` names.")
  String precision;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Also write the result as JSON to FILE (what `convbench history add --yardstick` reads).")
  Path out;

  @Mixin
  ThreadOptions threadOptions;

  @Mixin
  DeviceOptions deviceOptions;

  @Inject
  BenchCommand(CommandContext context, Provider<PluginRegistry> plugins, Trainer trainer) {
    this.context = context;
    this.plugins = plugins;
    this.trainer = trainer;
  }

  @Override
  public Integer call() throws IOException {
    if (batchSize < 1 || steps < 1 || warmup < 0) {
      throw new UserInputException("--batch-size and --steps must be >= 1, --warmup >= 0");
    }
    // Refused before minutes of timing rather than after.
    if (out != null && !java.nio.file.Files.isDirectory(context.resolve(out).toAbsolutePath().getParent())) {
      throw new UserInputException("--out " + out + ": no directory " + context.resolve(out).toAbsolutePath()
          .getParent() + " to write it in");
    }
    DeviceSetting device = deviceOptions.resolve(DeviceSetting.AUTO);
    DeviceOptions.requireUsable(device, context);
    Precision asked = Precision.parse(precision).orElseThrow(() -> new UserInputException("--precision expects one"
        + " of " + String.join(", ", Precision.yamlNames()) + ", not '" + precision + "'"));
    Hardware here = Devices.hardware(device);
    Precision used = asked.resolve(here);
    used.problemOn(here).ifPresent(problem -> {
      throw new UserInputException(problem);
    });
    DiscoveredPlugin plugin = architectureOptions.plugin(plugins.get());
    int images = batchSize * (warmup + steps);
    TrainingConfig cfg = new TrainingConfig(1, batchSize, Optimizer.defaults(), new LearningRateSchedule.Constant(0),
        5e-4, AugmentationConfig.standard(), null, Math.max(0, logEverySteps), used);
    long buildStarted = System.nanoTime();
    List<Double> stepSeconds = new ArrayList<>();
    double buildSeconds;
    TrainingOutcome outcome;
    try (PreparedRun run = trainer.withThreads(threadOptions.resolve(Threads.DEFAULT)).withDevice(device)
        .prepare(plugin.plugin(),
        architectureOptions.values(plugin), cfg, randomImages(images), 1,
        !noDiagnostics)) {
      buildSeconds = (System.nanoTime() - buildStarted) / 1e9;
      // The same timing as a run's training time: each step's session run, nothing around it.
      outcome = run.run(new TrainingListener() {
        @Override
        public void onStepTime(double seconds) {
          stepSeconds.add(seconds);
        }
      }, null, null, CheckpointPolicy.defaults(), CheckpointSink.NONE, () -> false,
          eventDir == null ? null : context.resolve(eventDir));
    }
    if (outcome.status() != RunStatus.COMPLETED) {
      context.err().println("bench: " + plugin.name() + " " + outcome.status().name().toLowerCase(Locale.ROOT) + ": "
          + outcome.reason() + " (random images, batch " + batchSize + "); no step time to report");
      return ExitCode.RUNS_FAILED;
    }
    double[] ms = stepSeconds.subList(warmup, warmup + steps).stream().mapToDouble(sec -> sec * 1000).sorted()
        .toArray();
    BenchResult result = new BenchResult(plugin.name(), architectureOptions.params(), Devices.detect(device), batchSize,
        !noDiagnostics, steps, quantile(ms, 0.5), Arrays.stream(ms).average().orElseThrow(), quantile(ms, 0.25),
        quantile(ms, 0.75), ms[0], ms[ms.length - 1], batchSize * 1000 / quantile(ms, 0.5), buildSeconds,
        Runtime.getRuntime().availableProcessors(), threadOptions.resolve(Threads.DEFAULT).toString(), used);
    if (out != null) {
      AtomicFiles.write(context.resolve(out), (Json.write(result) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (json) {
      context.out().println(Json.write(result));
    } else {
      context.out().printf(Locale.ROOT, "%s%s on %s, %s, batch %d%s: median step %.1f ms (IQR %.1f–%.1f, min %.1f, "
              + "max %.1f, mean %.1f over %d steps after %d warm-up) = %.0f images/s; graph build + data load %.2f s%n",
          plugin.name(), result.hyperParameters().isEmpty() ? "" : " " + result.hyperParameters(), result.device(),
          used, batchSize, noDiagnostics ? ", no diagnostics" : "", result.medianStepMs(), result.p25StepMs(),
          result.p75StepMs(), result.minStepMs(), result.maxStepMs(), result.meanStepMs(), steps, warmup,
          result.imagesPerSecond(), buildSeconds);
    }
    return ExitCode.OK;
  }

  /**
   * What {@code bench} measured ({@code --json} prints it): step times of the training step's session run alone, in
   * milliseconds, over the timed steps after warm-up.
   */
  record BenchResult(String architecture, Map<String, String> hyperParameters, String device, int batchSize,
      boolean diagnostics, int timedSteps, double medianStepMs, double meanStepMs, double p25StepMs,
      double p75StepMs, double minStepMs, double maxStepMs, double imagesPerSecond, double graphBuildAndLoadSeconds,
      int availableProcessors, String threads, Precision precision) {}

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  private static Dataset randomImages(int count) {
    Random random = new Random(1);
    byte[] pixels = new byte[count * ImageSet.IMAGE_BYTES];
    random.nextBytes(pixels);
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % ImageSet.CLASSES);
    }
    ImageSet train = new ImageSet(pixels, labels, count);
    ImageSet eval = train.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    return new Dataset(train, eval, "random", Path.of("random"), Map.of("random", count), true);
  }
}
