package dev.convbench.report;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.results.ResultStore;
import dev.convbench.results.RunStartInfo;
import dev.convbench.results.RunWriter;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.StepLoss;
import dev.convbench.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes results directories through the real {@link ResultStore}, with invented metrics: a test fixture may make up
 * numbers, the product never does.
 *
 * <p>The standard experiment: cells {@code cnn} (architecture {@code baseline-cnn}) and {@code resnet} ({@code
 * resnet18}), seeds 1 and 2, three epochs, target accuracy 60 %.
 * <ul>
 *   <li>cnn seed 1: test accuracy 40, 60, 80 %, 10 s per epoch → reaches the target at epoch 2, 20 s</li>
 *   <li>cnn seed 2: 42, 62, 84 %, 12 s per epoch → epoch 2, 24 s</li>
 *   <li>resnet seed 1: 50, 70, 90 %, 20 s per epoch → epoch 2, 40 s</li>
 *   <li>resnet seed 2: fails during epoch 2 ("CUDA_ERROR_OUT_OF_MEMORY")</li>
 * </ul>
 * So cnn's final accuracy is 82.00 ± 2.83 % (n=2) and its time to target 22.0 ± 2.8 s.
 */
final class ResultsFixture {

  static final double TARGET = 0.6;

  private ResultsFixture() {}

  /** The standard experiment in {@code dir}, named {@code name}, described by {@code description}. */
  static Path standard(Path dir, String name, String description) throws IOException {
    return standard(dir, name, description, "cnn", "resnet");
  }

  static Path standard(Path dir, String name, String description, String cnnLabel, String resnetLabel)
      throws IOException {
    ResultStore store = new ResultStore(dir);
    RunSpec cnn1 = spec(cnnLabel, "baseline-cnn", 1);
    RunSpec cnn2 = spec(cnnLabel, "baseline-cnn", 2);
    RunSpec res1 = spec(resnetLabel, "resnet18", 1);
    RunSpec res2 = spec(resnetLabel, "resnet18", 2);
    Experiment experiment = new Experiment(name, description, Path.of("exp.yaml"),
        "name: " + name + "\ndescription: " + description + "\nbaseline: " + cnnLabel + "\n",
        DatasetOptions.defaults(), List.of(cnn1, cnn2, res1, res2), cnnLabel);
    store.prepare(experiment, false);

    complete(store, cnn1, info(1_250_000, false), new double[] {0.40, 0.60, 0.80}, 10);
    complete(store, cnn2, info(1_250_000, false), new double[] {0.42, 0.62, 0.84}, 12);
    complete(store, res1, info(11_173_962, false), new double[] {0.50, 0.70, 0.90}, 20);
    try (RunWriter run = store.start(res2, info(11_173_962, false))) {
      run.onEpoch(epoch(1, 0.48, 20, 20));
      run.failed(new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY"));
    }
    return dir;
  }

  /** One completed run with the given test accuracies per epoch and seconds per epoch. */
  static void complete(ResultStore store, RunSpec spec, RunStartInfo info, double[] accuracies,
      double secondsPerEpoch) throws IOException {
    try (RunWriter run = store.start(spec, info)) {
      for (EpochMetrics m : epochs(accuracies, secondsPerEpoch)) {
        for (int s = 1; s <= 5; s++) {
          long step = (m.epoch() - 1) * 50L + s * 10L;
          run.onStepLoss(new StepLoss(step, m.epoch(), m.trainLoss() + 0.1 * (5 - s),
              m.cumulativeSeconds() - secondsPerEpoch + s * secondsPerEpoch / 5));
        }
        run.onEpoch(m);
      }
      run.complete();
    }
  }

  static List<EpochMetrics> epochs(double[] accuracies, double secondsPerEpoch) {
    List<EpochMetrics> epochs = new ArrayList<>();
    for (int i = 0; i < accuracies.length; i++) {
      epochs.add(epoch(i + 1, accuracies[i], secondsPerEpoch, secondsPerEpoch * (i + 1)));
    }
    return epochs;
  }

  static EpochMetrics epoch(int epoch, double testAccuracy, double seconds, double cumulative) {
    return new EpochMetrics(epoch, 2.0 / epoch, testAccuracy - 0.05, 2.1 / epoch, testAccuracy, 0.1 / epoch, seconds,
        1.0, cumulative, 5000.0 / seconds * 10);
  }

  static RunSpec spec(String label, String architecture, long seed) {
    TrainingConfig training = TrainingConfig.defaults().withEpochs(3).withTargetAccuracy(TARGET);
    String id = label.replaceAll("[^A-Za-z0-9-]", "_") + "-s" + seed;
    return new RunSpec(id, architecture, Map.of(), training, DatasetOptions.defaults(), seed,
        Map.of(), label);
  }

  static RunStartInfo info(long parameters, boolean partial) {
    Map<String, Integer> records = partial
        ? Map.of("data_batch_1.bin", 5000, "test_batch.bin", 2000)
        : Map.of("data_batch_1.bin", 10000, "test_batch.bin", 10000);
    return new RunStartInfo("plugin", "built-in", parameters,
        new Environment("2.18.0", "CPU", null, "Test JVM 17.0.15", "Linux 6.1 (amd64)", "Test CPU @ 3.0GHz", 8),
        new DatasetFacts(partial ? 5000 : 50000, partial ? 2000 : 10000, "test", records, partial));
  }
}
