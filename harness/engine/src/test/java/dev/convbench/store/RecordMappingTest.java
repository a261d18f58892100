package dev.convbench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.RunSpec;
import dev.convbench.results.DatasetParameters;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.RunIdentity;
import dev.convbench.results.RunRecord;
import dev.convbench.results.TrainingParameters;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Optimizer;
import dev.convbench.training.Precision;
import dev.convbench.training.TrainingConfig;
import dev.convbench.training.TrainingPosition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's settings as the results format records them: the training settings in their flat shape
 * ({@code {"type": "sgd", "learningRate": ...}}, every optimizer's and schedule's fields), as results have always
 * held them, and what the engine reads back (data settings, checkpoint positions) unchanged.
 */
class RecordMappingTest {

  private final ResultsJson json = new ResultsJson();

  @Test
  void everyOptimizerAndScheduleIsRecordedInTheFlatShape() throws IOException {
    List<Optimizer> optimizers = List.of(new Optimizer.Sgd(0.1, 0.5, false), new Optimizer.Adam(3e-4, 0.8, 0.99, 1e-6));
    List<LearningRateSchedule> schedules = List.of(new LearningRateSchedule.Constant(1), new LearningRateSchedule.Step(
        5, 0.2, 0.5), new LearningRateSchedule.Cosine(2, 1e-4), new LearningRateSchedule.OneCycle(3, 1e-5));
    for (Optimizer optimizer : optimizers) {
      for (LearningRateSchedule schedule : schedules) {
        TrainingConfig config = new TrainingConfig(3, 32, optimizer, schedule, 0, AugmentationConfig.none(), null, 1);
        JsonNode tree = json.roundTripTree(RecordMapping.training(config));

        assertEquals(List.of("epochs", "batchSize", "optimizer", "schedule", "weightDecay", "augmentation",
            "targetAccuracy", "logEverySteps", "precision"), fieldNames(tree));
        assertEquals(List.of("type", "learningRate", "momentum", "nesterov", "beta1", "beta2", "epsilon"),
            fieldNames(tree.get("optimizer")));
        assertEquals(optimizer.type(), tree.at("/optimizer/type").asText());
        assertEquals(optimizer.learningRate(), tree.at("/optimizer/learningRate").asDouble());
        assertEquals(List.of("type", "stepEpochs", "gamma", "warmupEpochs", "minLearningRate"),
            fieldNames(tree.get("schedule")));
        assertEquals(schedule.type(), tree.at("/schedule/type").asText());
        assertEquals(schedule.warmupEpochs(), tree.at("/schedule/warmupEpochs").asDouble());
        assertEquals("fp32", tree.get("precision").asText());
      }
    }
  }

  /** Settings of another optimizer or schedule are recorded at their defaults, as results have always had them. */
  @Test
  void settingsOfOtherTypesAreRecordedAtTheirDefaults() throws IOException {
    JsonNode adam = json.roundTripTree(training(new Optimizer.Adam(3e-4, 0.8, 0.99, 1e-6), LearningRateSchedule
        .defaults())).get("optimizer");
    assertEquals(0.9, adam.get("momentum").asDouble());
    assertEquals(true, adam.get("nesterov").asBoolean());
    assertEquals(0.8, adam.get("beta1").asDouble());
    JsonNode sgd = json.roundTripTree(training(new Optimizer.Sgd(0.1, 0.5, false), LearningRateSchedule.defaults()))
        .get("optimizer");
    assertEquals(List.of(0.9, 0.999, 1e-8), List.of(sgd.get("beta1").asDouble(), sgd.get("beta2").asDouble(),
        sgd.get("epsilon").asDouble()));
    JsonNode constant = json.roundTripTree(training(Optimizer.defaults(), new LearningRateSchedule.Constant(1)))
        .get("schedule");
    assertEquals(List.of(30.0, 0.1, 1.0, 0.0), List.of(constant.get("stepEpochs").asDouble(),
        constant.get("gamma").asDouble(), constant.get("warmupEpochs").asDouble(),
        constant.get("minLearningRate").asDouble()));
  }

  @Test
  void thePrecisionIsRecordedByItsName() {
    TrainingConfig bf16 = TrainingConfig.defaults().withPrecision(Precision.BF16);
    assertEquals("bf16", RecordMapping.training(bf16).precision());
    assertEquals(TrainingParameters.DEFAULT_PRECISION, RecordMapping.training(TrainingConfig.defaults()).precision());
  }

  @Test
  void theDataDirectoryIsRecordedAsAFileUriAndReadBack() {
    DatasetOptions options = DatasetOptions.defaults().withDataDir(Path.of("/data/cifar 10")).withTrainSubset(500);
    DatasetParameters stored = RecordMapping.dataset(options);
    assertEquals("file:///data/cifar%2010", stored.dataDir());
    assertEquals(options, RecordMapping.datasetOptions(stored));

    assertNull(RecordMapping.dataset(DatasetOptions.defaults()).dataDir(), "from the environment: not recorded");
    DatasetParameters byHand = new DatasetParameters("/mnt/cifar", null, null, "test", 5000, false, 0);
    assertEquals(Path.of("/mnt/cifar"), RecordMapping.datasetOptions(byHand).dataDir());
  }

  @Test
  void aCheckpointPositionReadsBackAsItWasWritten() {
    TrainingPosition at = new TrainingPosition(3, 17, 217, 42.5,
        new TrainingPosition.EpochProgress(12.25, 300, new double[] {1e-3, Double.NaN}, 2, 3.75), 0.61, Double.NaN);

    TrainingPosition back = RecordMapping.position(RecordMapping.position(at));

    assertEquals(List.of(at.epoch(), at.stepInEpoch(), at.globalStep(), at.cumulativeSeconds(), at.bestAccuracy(),
        at.lastAccuracy()), List.of(back.epoch(), back.stepInEpoch(), back.globalStep(), back.cumulativeSeconds(),
        back.bestAccuracy(), back.lastAccuracy()));
    assertEquals(List.of(at.partial().lossSum(), at.partial().correct(), at.partial().samples(),
        at.partial().seconds()), List.of(back.partial().lossSum(), back.partial().correct(), back.partial().samples(),
        back.partial().seconds()));
    assertArrayEquals(at.partial().ratioSum(), back.partial().ratioSum());
  }

  /** The identity of a run as the store writes it equals the identity of the run read back from its file. */
  @Test
  void aRunReadBackHasTheIdentityOfTheRunWritten(@TempDir Path out) throws IOException {
    RunSpec spec = Fixtures.spec("r1");
    ResultStore store = new ResultStore(out);
    store.start(spec, Fixtures.startInfo(), RunIdentities.of(spec, "data"), null, 1).complete();

    RunRecord read = store.read("r1").orElseThrow();

    assertEquals(RunIdentities.specDigest(spec), RunIdentity.specDigest(read.spec()));
    assertEquals(read.identity().spec(), RunIdentity.specDigest(read.spec()));
  }

  private static TrainingParameters training(Optimizer optimizer, LearningRateSchedule schedule) {
    return RecordMapping.training(TrainingConfig.defaults().withOptimizer(optimizer).withSchedule(schedule));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
