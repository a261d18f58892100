package dev.convbench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.graph.LayerInfo;
import dev.convbench.results.ConfusionMatrix;
import dev.convbench.results.LayerStatsRecord;
import dev.convbench.results.ResultsReader;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunResult;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.LayerStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics a run writes: train-eval columns, layers.csv, confusion.csv, structure.json, cost in run.json. */
class DiagnosticsFilesTest {

  @TempDir
  Path out;

  private final List<String> warnings = new ArrayList<>();
  private final ResultsReader reader = new ResultsReader(warnings::add);

  private static final List<LayerInfo> STRUCTURE = List.of(
      new LayerInfo("conv1", "Conv2d(3→16, 3×3, stride 1, padding 1, bias=false)", List.of(-1L, 32L, 32L, 16L),
          432, 442_368),
      new LayerInfo("bn1", "BatchNorm2d(16)", List.of(-1L, 32L, 32L, 16L), 32),
      new LayerInfo("fc", "Linear(16→10)", List.of(-1L, 10L), 170, 160));

  static RunStartInfo info() {
    RunStartInfo base = Fixtures.startInfo();
    return new RunStartInfo(base.pluginName(), base.pluginOrigin(), 634, 442_528, STRUCTURE, base.environment(),
        base.dataset());
  }

  static LayerStats stats(LayerStats.Kind kind, long step, int epoch, double scale) {
    return new LayerStats(kind, step, epoch, List.of("model/conv1", "model/bn1", "model/fc"),
        new double[] {0.1 * scale, 0.2 * scale, 0.3 * scale}, new double[] {1.5, 2.5, 3.5},
        new double[] {1e-3, Double.NaN, 2e-3});
  }

  @Test
  void everyMeasurementRoundTrips() throws IOException {
    ResultStore store = new ResultStore(out);
    EpochMetrics epoch = new EpochMetrics(1, 2.0, 0.3, 2.1, 0.35, 0.1, 10, 1, 10, 5000, 1.9, 0.4);
    long[][] counts = {{5, 1, 0}, {2, 7, 1}, {0, 0, 9}};
    try (RunWriter run = store.start(Fixtures.spec("r1"), info())) {
      run.onLayerStats(stats(LayerStats.Kind.SAMPLE, 10, 1, 1));
      run.onLayerStats(stats(LayerStats.Kind.SAMPLE, 20, 1, 2));
      run.onLayerStats(stats(LayerStats.Kind.EPOCH, 25, 1, 3));
      run.onConfusion(1, new long[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
      run.onEpoch(epoch);
      run.onConfusion(1, counts);
      run.onResources(123_456_789L);
      run.complete();
    }

    RunResult read = reader.read(out).runs().get(0);

    assertEquals(List.of(), warnings);
    assertEquals(List.of(RecordMapping.epoch(epoch)), read.epochs());
    assertEquals(0.4, read.epochs().get(0).trainEvalAccuracy());
    assertEquals(3, read.layerStats().size());
    assertStats(stats(LayerStats.Kind.SAMPLE, 10, 1, 1), read.layerStats().get(0));
    assertStats(stats(LayerStats.Kind.SAMPLE, 20, 1, 2), read.layerStats().get(1));
    assertStats(stats(LayerStats.Kind.EPOCH, 25, 1, 3), read.layerStats().get(2));
    assertEquals(1, read.layerStats(LayerStatsRecord.Kind.EPOCH).size());
    assertEquals(new ConfusionMatrix(1, counts), read.confusion(), "the latest matrix only");
    assertEquals(7.0 / 10, read.confusion().classAccuracy(1), 1e-12);
    assertEquals(STRUCTURE.stream().map(RecordMapping::layer).toList(), read.structure());
    assertEquals(442_528, read.record().macsPerImage());
    assertEquals(885_056, read.record().flopsPerImage());
    assertEquals(123_456_789L, read.record().peakResidentBytes());
    assertEquals(RunRecord.FORMAT_VERSION, read.record().formatVersion());
  }

  @Test
  void layerRowsAreLongFormatWithAKindColumn() throws IOException {
    Path dir;
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), info())) {
      run.onLayerStats(stats(LayerStats.Kind.EPOCH, 25, 1, 1));
      dir = run.directory();
    }
    List<String> lines = Files.readAllLines(dir.resolve("layers.csv"));
    assertEquals(List.of("kind,step,epoch,layer_index,layer,gradient_norm,weight_norm,update_ratio",
        "epoch,25,1,0,model/conv1,0.1,1.5,0.001",
        "epoch,25,1,1,model/bn1,0.2,2.5,NaN",
        "epoch,25,1,2,model/fc,0.3,3.5,0.002"), lines);
  }

  @Test
  void layerNamesWithCommasAndQuotesAreQuoted() throws IOException {
    LayerStats odd = new LayerStats(LayerStats.Kind.SAMPLE, 1, 1, List.of("a,b", "say \"hi\"", "line\nbreak"),
        new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {1, 2, 3});
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), info())) {
      run.onLayerStats(odd);
    }
    assertTrue(Files.readString(out.resolve("r1/layers.csv")).contains(",\"say \"\"hi\"\"\","));
    LayerStatsRecord read = reader.read(out).runs().get(0).layerStats().get(0);
    assertEquals(List.of("a,b", "say \"hi\"", "line break"), read.layers());
    assertEquals(List.of(), warnings);
  }

  @Test
  void confusionMatrixFileHasAnEpochColumnAndIsReplacedAtomically() throws IOException {
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), info())) {
      run.onConfusion(1, new long[][] {{3, 1}, {0, 4}});
      run.onConfusion(2, new long[][] {{4, 0}, {1, 3}});
    }
    assertEquals(List.of("epoch,true_label,pred_0,pred_1", "2,0,4,0", "2,1,1,3"),
        Files.readAllLines(out.resolve("r1/confusion.csv")));
    try (Stream<Path> files = Files.list(out.resolve("r1"))) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary file left");
    }
  }

  @Test
  void aConfusionMatrixMustBeSquare() throws IOException {
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), info())) {
      assertThrows(IllegalArgumentException.class, () -> run.onConfusion(1, new long[][] {{1, 2}, {3}}));
    }
  }

  @Test
  void peakMemoryIsWrittenAtTheEndWhateverTheOutcome() throws IOException {
    ResultStore store = new ResultStore(out);
    RunWriter run = store.start(Fixtures.spec("r1"), info());
    run.onResources(42);
    assertNull(store.read("r1").orElseThrow().peakResidentBytes(), "not before the end");
    run.diverged("loss is NaN");
    assertEquals(42L, store.read("r1").orElseThrow().peakResidentBytes());

    RunWriter failed = store.start(Fixtures.spec("r2"), info());
    failed.failed(new IllegalStateException("boom"));
    assertNull(store.read("r2").orElseThrow().peakResidentBytes(), "never reported");
  }

  @Test
  void structureIsWrittenAtStartOnlyWhenKnown() throws IOException {
    ResultStore store = new ResultStore(out);
    try (RunWriter run = store.start(Fixtures.spec("r1"), info())) {
      assertTrue(Files.isRegularFile(run.directory().resolve("structure.json")), "before any epoch");
      assertTrue(Files.readString(run.directory().resolve("structure.json")).contains("\"macs\" : 442368"));
    }
    try (RunWriter run = store.start(Fixtures.spec("r2"), Fixtures.startInfo())) {
      assertFalse(Files.exists(run.directory().resolve("structure.json")));
    }
    assertEquals(List.of(), reader.read(out).runs().get(1).structure());
    assertEquals(0, reader.read(out).runs().get(1).record().macsPerImage());
  }

  @Test
  void aCutLayerLineIsSkippedAndTheRestKept() throws IOException {
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), info())) {
      run.onLayerStats(stats(LayerStats.Kind.SAMPLE, 10, 1, 1));
    }
    Files.writeString(out.resolve("r1/layers.csv"), "sample,20,1,0,model/conv1,0.1,1.5,0.0\nsample,20,1,1,mod",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    List<LayerStatsRecord> read = reader.read(out).runs().get(0).layerStats();

    assertEquals(2, read.size());
    assertEquals(List.of("model/conv1"), read.get(1).layers(), "the killed event keeps its complete rows");
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void aDamagedConfusionFileIsAWarningNotAnError() throws IOException {
    try (RunWriter run = new ResultStore(out).start(Fixtures.spec("r1"), info())) {
      run.onConfusion(1, new long[][] {{3, 1}, {0, 4}});
    }
    Files.writeString(out.resolve("r1/confusion.csv"), "epoch,true_label,pred_0,pred_1\n1,0,4,x\n1,1,0,4\n");

    RunResult read = reader.read(out).runs().get(0);

    assertNull(read.confusion());
    assertEquals(1, warnings.size(), warnings.toString());
  }

  private static void assertStats(LayerStats expected, LayerStatsRecord actual) {
    assertEquals(expected.kind().name(), actual.kind().name());
    assertEquals(expected.step(), actual.step());
    assertEquals(expected.epoch(), actual.epoch());
    assertEquals(expected.layers(), actual.layers());
    assertArrayEquals(expected.gradientNorms(), actual.gradientNorms());
    assertArrayEquals(expected.weightNorms(), actual.weightNorms());
    assertArrayEquals(expected.updateRatios(), actual.updateRatios());
  }
}
