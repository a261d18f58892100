package dev.convbench.store;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.results.EpochRecord;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Made-up runs for tests. The numbers mean nothing. */
final class Fixtures {

  private Fixtures() {}

  static RunSpec spec(String runId) {
    return spec(runId, "resnet18", 1);
  }

  static RunSpec spec(String runId, String label, long seed) {
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("depth", 18);
    hyper.put("width", 0.5);
    hyper.put("blocks", List.of(2, 2, 2, 2));
    Map<String, Object> cell = new LinkedHashMap<>();
    cell.put("optimizer.lr", 0.1);
    DatasetOptions data = DatasetOptions.defaults().withDataDir(Path.of("/data/cifar-10")).withTrainSubset(1000);
    return new RunSpec(runId, "resnet", hyper, TrainingConfig.defaults().withEpochs(3).withTargetAccuracy(0.5), data,
        dev.convbench.training.RunSeeds.uniform(seed), cell, label);
  }

  static RunStartInfo startInfo() {
    return new RunStartInfo("resnet", "built-in", 11_173_962L,
        new Environment("2.18.0", "CPU", null, "Test JVM 17", "Linux 6.1 (amd64)", "Test CPU @ 3 GHz", 8,
            "auto"),
        new DatasetFacts(1000, 10000, "test", Map.of("data_batch_1.bin", 10000, "test_batch.bin", 10000), false));
  }

  static EpochMetrics epoch(int epoch, double testAccuracy) {
    return new EpochMetrics(epoch, 2.0 / epoch, testAccuracy - 0.05, 2.1 / epoch, testAccuracy, 0.1 / epoch,
        10.0, 1.5, 10.0 * epoch, 5000.0);
  }

  /** {@link #epoch} as {@code metrics.csv} holds it. */
  static EpochRecord epochRecord(int epoch, double testAccuracy) {
    return RecordMapping.epoch(epoch(epoch, testAccuracy));
  }

  static Experiment experiment(String name, List<RunSpec> runs) {
    return new Experiment(name, "what it is about", Path.of(name + ".yaml"), "name: " + name + "\n",
        DatasetOptions.defaults(), runs, "resnet18");
  }
}
