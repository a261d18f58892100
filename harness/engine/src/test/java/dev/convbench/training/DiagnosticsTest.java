package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convbench.spi.HyperParameters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run measures besides loss and accuracy: gradient flow by layer, generalisation, confusion, memory. */
class DiagnosticsTest {

  private final List<LayerStats> stats = new ArrayList<>();
  private final List<long[][]> confusions = new ArrayList<>();
  private final List<Long> peaks = new ArrayList<>();
  private final List<EpochMetrics> epochs = new ArrayList<>();

  private final TrainingListener recorder = new TrainingListener() {
    @Override
    public void onLayerStats(LayerStats s) {
      stats.add(s);
    }

    @Override
    public void onConfusion(int epoch, long[][] counts) {
      confusions.add(counts);
    }

    @Override
    public void onResources(long peak) {
      peaks.add(peak);
    }

    @Override
    public void onEpoch(EpochMetrics m) {
      epochs.add(m);
    }
  };

  @Test
  void aRunReportsLayerStatsConfusionAndMemory() {
    TrainingConfig cfg = new TrainingConfig(2, 20, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 5e-4,
        AugmentationConfig.standard(), null, 2);
    new Trainer().train(new SmallNet(), HyperParameters.defaults(List.of()), cfg, SmallNet.data(100, 3), 1,
        recorder);

    List<LayerStats> samples = stats.stream().filter(s -> s.kind() == LayerStats.Kind.SAMPLE).toList();
    List<LayerStats> epochMeans = stats.stream().filter(s -> s.kind() == LayerStats.Kind.EPOCH).toList();
    assertEquals(5, samples.size(), "10 steps, one sample every 2");
    assertEquals(2, epochMeans.size());
    assertEquals(List.of("conv1", "bn1", "fc1"), samples.get(0).layers(), "layers in network order");
    for (LayerStats s : stats) {
      for (int i = 0; i < s.layers().size(); i++) {
        assertTrue(s.gradientNorms()[i] > 0 && Double.isFinite(s.gradientNorms()[i]), s.layers().get(i));
        assertTrue(s.weightNorms()[i] > 0, s.layers().get(i));
        assertTrue(s.updateRatios()[i] > 0 && s.updateRatios()[i] < 1, "an SGD step moves weights a little");
      }
    }
    assertEquals(2, samples.get(0).step());

    assertEquals(2, confusions.size());
    long[][] last = confusions.get(1);
    long total = 0;
    long diagonal = 0;
    for (int t = 0; t < 10; t++) {
      for (int p = 0; p < 10; p++) {
        total += last[t][p];
      }
      diagonal += last[t][t];
      assertEquals(10, java.util.Arrays.stream(last[t]).sum(), "10 images of each class");
    }
    assertEquals(100, total);
    assertEquals(epochs.get(1).testAccuracy(), diagonal / 100.0, 1e-9);

    assertFalse(Double.isNaN(epochs.get(1).trainEvalAccuracy()), "training sample evaluated in inference mode");
    assertEquals(epochs.get(1).testAccuracy(), epochs.get(1).trainEvalAccuracy(), 1e-9,
        "this test's evaluation set is its training set");
    assertEquals(1, peaks.size(), "peak memory reported once, when the run ends");
  }

  /** Where the kernel reports a high-water mark (Linux), a run reports it in bytes; elsewhere nothing is measured. */
  @Test
  void aRunReportsTheProcesssPeakResidentMemoryInBytes() {
    assumeTrue(ProcessMemory.peakResidentBytes() > 0, "this system reports no VmHWM: peak memory is not measured");
    TrainingConfig cfg = new TrainingConfig(1, 20, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 0,
        AugmentationConfig.none(), null, 0);
    new Trainer().train(new SmallNet(), HyperParameters.defaults(List.of()), cfg, SmallNet.data(40, 3), 1, recorder);
    long afterwards = ProcessMemory.peakResidentBytes();

    assertEquals(1, peaks.size());
    long peak = peaks.get(0);
    // The JVM and TensorFlow's native runtime are resident during the run: far more than 50 MB, in bytes, not kB.
    assertTrue(peak > 50_000_000L, "peak resident bytes: " + peak);
    assertTrue(peak <= afterwards, "a high-water mark cannot fall: " + peak + " reported, " + afterwards + " after");
  }

  @Test
  void diagnosticsCanBeLeftOut() {
    TrainingConfig cfg = new TrainingConfig(1, 20, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 0,
        AugmentationConfig.none(), null, 1);
    try (PreparedRun run = new Trainer().prepare(new SmallNet(), HyperParameters.defaults(List.of()), cfg,
        SmallNet.data(40, 3), 1, false)) {
      run.run(recorder);
    }
    assertTrue(stats.isEmpty());
    assertEquals(1, confusions.size(), "evaluation still reports its confusion matrix");
  }
}
