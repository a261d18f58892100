package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's tolerance: what a killed run, a damaged file or an older release left is skipped with a warning. */
class ResultsReaderTest {

  @TempDir
  Path out;

  private final List<String> warnings = new ArrayList<>();
  private final ResultsReader reader = new ResultsReader(warnings::add);

  @Test
  void skipsTheIncompleteLastLineOfAKilledRun() throws IOException {
    Path dir = RunFiles.write(out, RunFiles.record("r1", 1, RunStatus.RUNNING));
    RunFiles.append(dir, MetricsCsv.EPOCH_FILE, List.of(MetricsCsv.format(RunFiles.epoch(1, 0.4))));
    // The process died while writing epoch 2: the line parses, but its last number is cut short.
    Files.writeString(dir.resolve(MetricsCsv.EPOCH_FILE), "2,1.0,0.5,1.05,0.45,0.05,10.0,1.5,20.0,50",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    RunResult run = reader.read(out).runs().get(0);

    assertEquals(List.of(RunFiles.epoch(1, 0.4)), run.epochs());
    assertEquals(RunStatus.RUNNING, run.status());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("incomplete last line"), warnings.get(0));
  }

  @Test
  void skipsMalformedLinesAndKeepsTheRest() throws IOException {
    Path dir = RunFiles.write(out, RunFiles.record("r1", 1, RunStatus.RUNNING));
    Files.writeString(dir.resolve(MetricsCsv.STEP_FILE), "step,epoch,loss,seconds\n1,1,oops,0.1\n2,1\n3,1,2.5,0.3\n");

    RunResult run = reader.read(out).runs().get(0);

    assertEquals(List.of(new StepLossRecord(3, 1, 2.5, 0.3)), run.steps());
    assertEquals(2, warnings.size(), warnings.toString());
  }

  @Test
  void readsColumnsByNameNotPosition() throws IOException {
    Path dir = RunFiles.write(out, RunFiles.record("r1", 1, RunStatus.RUNNING));
    Files.writeString(dir.resolve(MetricsCsv.STEP_FILE), "loss,seconds,step,epoch,added_later\n2.5,0.3,3,1,x\n");

    assertEquals(List.of(new StepLossRecord(3, 1, 2.5, 0.3)), reader.read(out).runs().get(0).steps());
  }

  @Test
  void skipsRunsWithoutReadableRunJson() throws IOException {
    RunFiles.write(out, RunFiles.record("good", 1, RunStatus.COMPLETED));
    Files.createDirectories(out.resolve("no-json"));
    Files.writeString(out.resolve("no-json/metrics.csv"), "epoch\n");
    Files.createDirectories(out.resolve("report")); // not a run: ignored silently
    Files.createDirectories(out.resolve("bad-json"));
    Files.writeString(out.resolve("bad-json/run.json"), "{\"runId\": ");
    Files.createDirectories(out.resolve(".trash-x")); // being deleted: ignored silently

    Results results = reader.read(out);

    assertEquals(List.of("good"), results.runs().stream().map(RunResult::runId).toList());
    assertEquals(2, results.warnings().size(), results.warnings().toString());
  }

  @Test
  void readsSeveralDirectoriesAndEachOnlyOnce() throws IOException {
    Path one = out.resolve("one");
    Path two = out.resolve("two");
    RunFiles.write(one, RunFiles.record("r1", 1, RunStatus.COMPLETED));
    RunFiles.write(two, RunFiles.record("r1", 2, RunStatus.COMPLETED));

    Results results = reader.read(List.of(one, two, one));

    assertEquals(2, results.experiments().size());
    assertEquals("two", results.experiments().get(1).name(), "no manifest: named after the directory");
    assertNull(results.experiments().get(1).manifest());
    assertEquals(List.of(1L, 2L), results.runs().stream().map(r -> r.record().spec().seed()).toList());
    assertEquals(1, warnings.size());
  }

  @Test
  void theManifestOrdersTheRunsAndNamesTheMissingOnes() throws IOException {
    List<RunSpecRecord> specs = List.of(RunFiles.spec("b", 1), RunFiles.spec("a", 1), RunFiles.spec("c", 1));
    Files.createDirectories(out);
    Files.write(out.resolve(ResultsLayout.EXPERIMENT_FILE), new ResultsJson().write(ExperimentManifest.of("exp",
        "", "resnet18", specs, null)));
    RunFiles.write(out, RunFiles.record("a", 1, RunStatus.COMPLETED));
    RunFiles.write(out, RunFiles.record("b", 1, RunStatus.FAILED));

    Results results = reader.read(out);

    assertEquals("exp", results.experiments().get(0).name());
    assertEquals(List.of("b", "a"), results.runs().stream().map(RunResult::runId).toList(), "manifest order");
    assertEquals(List.of("1 of 3 runs missing: c"), results.warnings());
    assertEquals(ExperimentManifest.definition(specs), ResultsReader.readManifest(out).orElseThrow().definition());
  }

  @Test
  void aMissingDirectoryIsAnError() {
    assertThrows(NoSuchFileException.class, () -> reader.read(out.resolve("typo")));
  }

  @Test
  void oldResultsWithoutTheNewColumnsFilesAndFieldsStillRead() throws IOException {
    // A run as format 1 wrote it: ten metrics columns, no layers/confusion/structure, run.json without cost fields.
    Path run = Files.createDirectories(out.resolve("old"));
    Files.writeString(run.resolve("run.json"), """
        {
          "formatVersion" : 1,
          "runId" : "old",
          "plugin" : "resnet18",
          "pluginOrigin" : "built-in",
          "trainableParameters" : 11173962,
          "startedAt" : "2025-01-01T00:00:00Z",
          "endedAt" : "2025-01-01T01:00:00Z",
          "status" : "completed"
        }
        """);
    Files.writeString(run.resolve("metrics.csv"), String.join(",", MetricsCsv.EPOCH_COLUMNS.subList(0, 10))
        + "\n1,2.0,0.3,2.1,0.35,0.1,10.0,1.0,10.0,5000.0\n");
    Files.writeString(run.resolve("steps.csv"), "step,epoch,loss,seconds\n10,1,2.2,1.0\n");

    RunResult read = reader.read(out).runs().get(0);

    assertEquals(List.of(), warnings, "nothing to warn about: these files did not exist then");
    EpochRecord m = read.epochs().get(0);
    assertEquals(0.35, m.testAccuracy());
    assertTrue(Double.isNaN(m.trainEvalLoss()) && Double.isNaN(m.trainEvalAccuracy()));
    assertEquals(List.of(), read.layerStats());
    assertNull(read.confusion());
    assertTrue(read.confusionMatrix().isEmpty());
    assertEquals(List.of(), read.structure());
    assertEquals(0, read.record().macsPerImage());
    assertNull(read.record().peakResidentBytes());
    assertEquals(11_173_962, read.record().trainableParameters());
    assertEquals("old", read.label(), "no spec: the run id");
  }

  @Test
  void aDamagedConfusionFileIsAWarningNotAnError() throws IOException {
    Path dir = RunFiles.write(out, RunFiles.record("r1", 1, RunStatus.COMPLETED));
    Files.writeString(dir.resolve(MetricsCsv.CONFUSION_FILE), "epoch,true_label,pred_0,pred_1\n1,0,4,x\n1,1,0,4\n");

    RunResult read = reader.read(out).runs().get(0);

    assertNull(read.confusion());
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void aCutLayerLineIsSkippedAndTheRestKept() throws IOException {
    Path dir = RunFiles.write(out, RunFiles.record("r1", 1, RunStatus.RUNNING));
    RunFiles.append(dir, MetricsCsv.LAYER_FILE, List.of("sample,10,1,0,model/conv1,0.1,1.5,0.001",
        "sample,10,1,1,model/fc,0.3,3.5,NaN", "sample,20,1,0,model/conv1,0.1,1.5,0.0"));
    Files.writeString(dir.resolve(MetricsCsv.LAYER_FILE), "sample,20,1,1,mod", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    List<LayerStatsRecord> read = reader.read(out).runs().get(0).layerStats();

    assertEquals(2, read.size());
    assertEquals(List.of("model/conv1", "model/fc"), read.get(0).layers());
    assertTrue(Double.isNaN(read.get(0).updateRatios()[1]));
    assertEquals(List.of("model/conv1"), read.get(1).layers(), "the killed event keeps its complete rows");
    assertEquals(1, warnings.size(), warnings.toString());
  }
}
