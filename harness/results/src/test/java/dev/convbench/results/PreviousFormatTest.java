package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results written by the release before this module existed, in format 3, read with this module's readers. The
 * fixture ({@code src/test/resources/format-3}) is a real results directory that release wrote: the
 * {@code experiment.yaml} in it (one epoch of baseline-cnn on 200 training images) run with {@code ./convbench run
 * experiment.yaml --allow-partial-data} on the shared 1,017-records-per-file CIFAR-10 subset, keeping only its small
 * files (no checkpoint variables, no SavedModel, no report).
 */
class PreviousFormatTest {

  private static final String RUN = "baseline-cnn__s1";

  private final ResultsJson json = new ResultsJson();
  private final List<String> warnings = new ArrayList<>();

  @Test
  void theRunReadsWithItsSettingsMetricsAndDiagnostics() throws IOException {
    Results results = new ResultsReader(warnings::add).read(fixture());

    assertEquals(List.of(), warnings);
    ExperimentResults experiment = results.experiments().get(0);
    assertEquals("format3-fixture", experiment.name());
    assertEquals("baseline-cnn", experiment.manifest().baseline());
    assertEquals(List.of(RUN), experiment.manifest().runIds());
    assertTrue(experiment.experimentText().contains("train-subset: 200"), experiment.experimentText());

    RunResult run = experiment.runs().get(0);
    RunRecord record = run.record();
    assertEquals(3, record.formatVersion());
    assertEquals(RunStatus.COMPLETED, run.status());
    assertEquals("baseline-cnn", run.label());
    assertEquals("baseline-cnn", record.plugin());
    assertEquals(62_006, record.trainableParameters());
    assertEquals(651_720, record.macsPerImage());
    assertEquals(463_962_112L, record.peakResidentBytes());
    assertEquals("2026-12-01T22:33:31.130Z", record.endedAt());
    assertNull(record.errorMessage());

    RunSpecRecord spec = record.spec();
    assertEquals(Map.of("padding", 0), spec.hyperParameters());
    assertEquals(1, spec.seed());
    assertEquals(new DatasetParameters(null, 200, 100, "test", 5000, true, 0), spec.dataset());
    TrainingParameters training = spec.training();
    assertEquals(1, training.epochs());
    assertEquals(32, training.batchSize());
    assertEquals(new OptimizerParameters("sgd", 0.05, 0.9, true, 0.9, 0.999, 1e-8), training.optimizer());
    assertEquals(new ScheduleParameters("cosine", 30, 0.1, 0, 0), training.schedule());
    assertEquals(5e-4, training.weightDecay());
    assertEquals(new AugmentationParameters(true, 4, true, true), training.augmentation());
    assertEquals(0.15, training.targetAccuracy());
    assertEquals(2, training.logEverySteps());
    assertEquals("fp32", training.precision());

    assertEquals(new DatasetFacts(200, 100, "test", Map.of("data_batch_1.bin", 1017, "data_batch_2.bin", 1017,
        "data_batch_3.bin", 1017, "data_batch_4.bin", 1017, "data_batch_5.bin", 1017, "test_batch.bin", 1017), true),
        record.dataset());
    assertEquals("CPU", record.environment().device());
    assertEquals("auto", record.environment().requestedDevice());
    assertEquals(2, record.environment().availableProcessors());

    EpochRecord epoch = run.lastEpoch().orElseThrow();
    assertEquals(1, run.epochs().size());
    assertEquals(1, epoch.epoch());
    assertEquals(0.1, epoch.testAccuracy());
    assertEquals(2.303241882324219, epoch.testLoss());
    assertEquals(0.10416666666666667, epoch.trainAccuracy());
    assertEquals(0.1, epoch.trainEvalAccuracy());
    assertEquals(0.128598447, epoch.overheadSeconds());
    assertEquals(List.of(new StepLossRecord(2, 1, 2.2911643981933594, 0.47907869399999997),
        new StepLossRecord(4, 1, 2.3093132972717285, 0.510931791),
        new StepLossRecord(6, 1, 2.3092665672302246, 0.566849323)), run.steps());

    assertEquals(3, run.layerStats(LayerStatsRecord.Kind.SAMPLE).size());
    LayerStatsRecord epochMeans = run.layerStats(LayerStatsRecord.Kind.EPOCH).get(0);
    assertEquals(6, epochMeans.step());
    assertEquals(List.of("features/conv1", "features/conv2", "classifier/fc1", "classifier/fc2",
        "classifier/fc3"), epochMeans.layers());

    ConfusionMatrix confusion = run.confusionMatrix().orElseThrow();
    assertEquals(100, confusion.total());
    assertEquals(epoch.testAccuracy(), (double) confusion.correct() / confusion.total(), "the same evaluation");

    assertEquals(12, run.structure().size());
    assertEquals(new LayerRecord("features/conv1", "Conv2d(3→6, 5×5, stride 1, padding 0)", List.of(-1L, 28L, 28L,
        6L), 456, 352_800), run.structure().get(0));
    assertEquals(record.macsPerImage(), run.structure().stream().mapToLong(LayerRecord::macs).sum());
    assertEquals(record.trainableParameters(), run.structure().stream().mapToLong(LayerRecord::parameters).sum());
  }

  /** The identity digest computed from the stored settings is the one the previous release computed from its own. */
  @Test
  void theIdentityDigestOfTheStoredSettingsIsTheOneWrittenThen() throws IOException {
    RunRecord record = json.read(fixture().resolve(RUN).resolve(ResultsLayout.RUN_FILE), RunRecord.class);

    assertEquals("ae80ccddc8b1a6f2d7ec6eff99f70f46cd09e67fd31ce03675b3cd9ca867d2dc", record.identity().spec());
    assertEquals(record.identity().spec(), RunIdentity.specDigest(record.spec()));
    ExperimentManifest manifest = ResultsReader.readManifest(fixture()).orElseThrow();
    assertEquals(manifest.definition(), ExperimentManifest.definition(List.of(record.spec())));
  }

  /** Written back, every record gives the file it was read from: the stored shape has not changed. */
  @Test
  void recordsWrittenBackAreTheFilesAsTheyWere() throws IOException {
    Path run = fixture().resolve(RUN);
    Map<Path, Class<?>> files = Map.of(
        run.resolve(ResultsLayout.RUN_FILE), RunRecord.class,
        fixture().resolve(ResultsLayout.EXPERIMENT_FILE), ExperimentManifest.class,
        run.resolve(ResultsLayout.STRUCTURE_FILE), StructureRecord.class,
        checkpoint(), CheckpointRecord.class,
        run.resolve(ResultsLayout.MODEL).resolve(ResultsLayout.MODEL_FILE), ModelRecord.class,
        claim(), ClaimRecord.class);
    for (Map.Entry<Path, Class<?>> file : files.entrySet()) {
      JsonNode asWritten = json.readTree(file.getKey());
      assertEquals(asWritten, json.roundTripTree(json.read(file.getKey(), file.getValue())), file.getKey()::toString);
      assertEquals(Files.readString(file.getKey()), new String(json.write(json.read(file.getKey(), file.getValue())),
          StandardCharsets.UTF_8), () -> file.getKey() + ": byte for byte");
    }

    List<String> metrics = Files.readAllLines(run.resolve(MetricsCsv.EPOCH_FILE));
    assertEquals(List.of(MetricsCsv.header(MetricsCsv.EPOCH_COLUMNS), MetricsCsv.format(new ResultsReader(
        warnings::add).read(fixture()).runs().get(0).epochs().get(0))), metrics);
    TrainingPositionRecord at = json.read(checkpoint(), CheckpointRecord.class).position();
    assertEquals(List.of(MetricsCsv.header(MetricsCsv.CHECKPOINT_COLUMNS), MetricsCsv.formatCheckpoint(at.epoch(),
        at.stepInEpoch(), at.globalStep(), 0.112246207)), Files.readAllLines(run.resolve(ResultsLayout.CHECKPOINT_LOG)));
  }

  @Test
  void theCheckpointModelAndClaimRecordsRead() throws IOException {
    Path run = fixture().resolve(RUN);
    CheckpointRecord checkpoint = json.read(checkpoint(), CheckpointRecord.class);
    assertEquals(CheckpointRecord.FORMAT_VERSION, checkpoint.formatVersion());
    assertEquals(2, checkpoint.position().epoch(), "after epoch 1: the next one");
    assertEquals(6, checkpoint.position().globalStep());
    assertEquals(0.1, checkpoint.position().lastAccuracy());
    assertEquals(5, checkpoint.position().partial().ratioSum().length, "one per layer with variables");
    assertEquals(Files.size(run.resolve(MetricsCsv.EPOCH_FILE)), checkpoint.metricsBytes());
    assertEquals(Files.size(run.resolve(MetricsCsv.STEP_FILE)), checkpoint.stepsBytes());
    assertEquals(Files.size(run.resolve(MetricsCsv.LAYER_FILE)), checkpoint.layersBytes());

    ModelRecord model = json.read(run.resolve(ResultsLayout.MODEL).resolve(ResultsLayout.MODEL_FILE),
        ModelRecord.class);
    assertEquals(new ModelRecord("last", 1, 0.1, "serving_default", "images: uint8 [n, 32, 32, 3], RGB pixels 0-255,"
        + " height x width x channel", "logits: float32 [n, 10]"), model);

    ClaimRecord claim = json.read(claim(), ClaimRecord.class);
    RunRecord record = json.read(run.resolve(ResultsLayout.RUN_FILE), RunRecord.class);
    assertEquals(RunStatus.COMPLETED.id(), claim.outcome());
    assertTrue(claim.released());
    assertEquals(record.attempt().token(), claim.token(), "the attempt that wrote run.json");
    assertEquals(record.attempt().holder(), claim.holder());
    assertEquals(1, claim.attempt());
    assertEquals("PT30S", claim.heartbeat());
  }

  private static Path checkpoint() throws IOException {
    return fixture().resolve(RUN).resolve(ResultsLayout.CHECKPOINTS).resolve("epoch-000002-step-000000000006")
        .resolve(ResultsLayout.CHECKPOINT_FILE);
  }

  private static Path claim() throws IOException {
    return fixture().resolve(ResultsLayout.CLAIMS_DIRECTORY).resolve(RUN).resolve("attempt-000001.json");
  }

  private static Path fixture() throws IOException {
    try {
      return Path.of(PreviousFormatTest.class.getResource("/format-3").toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }
}
