package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Optimizer;
import dev.convbench.training.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training settings in {@code run.json} keep their flat shape ({@code {"type": "sgd", "learningRate": ...}},
 * every optimizer's and schedule's fields), so results written before the typed settings read back, write back
 * the same, and keep their identity digest.
 */
class StoredTrainingConfigTest {

  private final ResultsJson json = new ResultsJson();

  /** A {@code run.json} written by the release before typed settings (quickstart, baseline-cnn, seed 1). */
  private Path earlierRunJson(Path dir) throws IOException {
    Path file = dir.resolve("run.json");
    try (InputStream in = getClass().getResourceAsStream("/results/quickstart-run.json")) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void anEarlierRunReadsIntoTypedSettingsAndKeepsItsIdentity(@TempDir Path dir) throws IOException {
    Path file = earlierRunJson(dir);
    RunRecord record = json.read(file, RunRecord.class);

    TrainingConfig training = record.spec().training();
    assertEquals(new Optimizer.Sgd(0.05, 0.9, true), training.optimizer());
    assertEquals(new LearningRateSchedule.Cosine(0, 0), training.schedule());
    assertEquals(record.identity().spec(), RunIdentity.specDigest(record.spec()), "the digest written then");
    // The whole training object would differ: this file predates the precision setting, which is now written.
    for (String part : List.of("/spec/training/optimizer", "/spec/training/schedule")) {
      assertEquals(json.readTree(file).at(part), json.roundTripTree(record).at(part), "written back the same");
    }
  }

  @Test
  void everyOptimizerAndScheduleWritesTheFlatShapeAndReadsBack(@TempDir Path dir) throws IOException {
    List<Optimizer> optimizers = List.of(new Optimizer.Sgd(0.1, 0.5, false), new Optimizer.Adam(3e-4, 0.8, 0.99, 1e-6));
    List<LearningRateSchedule> schedules = List.of(new LearningRateSchedule.Constant(1), new LearningRateSchedule.Step(
        5, 0.2, 0.5), new LearningRateSchedule.Cosine(2, 1e-4), new LearningRateSchedule.OneCycle(3, 1e-5));
    for (Optimizer optimizer : optimizers) {
      for (LearningRateSchedule schedule : schedules) {
        TrainingConfig config = new TrainingConfig(3, 32, optimizer, schedule, 0, AugmentationConfig.none(), null, 1);
        Path file = dir.resolve("config.json");
        Files.write(file, json.write(config));
        assertEquals(config, json.read(file, TrainingConfig.class));

        JsonNode tree = json.readTree(file);
        assertEquals(List.of("type", "learningRate", "momentum", "nesterov", "beta1", "beta2", "epsilon"),
            fieldNames(tree.get("optimizer")));
        assertEquals(optimizer.type(), tree.at("/optimizer/type").asText());
        assertEquals(List.of("type", "stepEpochs", "gamma", "warmupEpochs", "minLearningRate"),
            fieldNames(tree.get("schedule")));
        assertEquals(schedule.type(), tree.at("/schedule/type").asText());
      }
    }
  }

  /** Settings of another optimizer or schedule are stored at their defaults, as before the typed settings. */
  @Test
  void settingsOfOtherTypesAreStoredAtTheirDefaults() throws IOException {
    JsonNode adam = json.roundTripTree(new Optimizer.Adam(3e-4, 0.8, 0.99, 1e-6));
    assertEquals(0.9, adam.get("momentum").asDouble());
    assertEquals(true, adam.get("nesterov").asBoolean());
    JsonNode sgd = json.roundTripTree(new Optimizer.Sgd(0.1, 0.5, false));
    assertEquals(List.of(0.9, 0.999, 1e-8), List.of(sgd.get("beta1").asDouble(), sgd.get("beta2").asDouble(),
        sgd.get("epsilon").asDouble()));
    JsonNode constant = json.roundTripTree(new LearningRateSchedule.Constant(1));
    assertEquals(List.of(30.0, 0.1, 1.0, 0.0), List.of(constant.get("stepEpochs").asDouble(),
        constant.get("gamma").asDouble(), constant.get("warmupEpochs").asDouble(),
        constant.get("minLearningRate").asDouble()));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
