package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** The network a run trained, kept as a SavedModel that TensorFlow loads without convbench. */
class KeptModelTest {

  private static final int RECORDS = 100;

  @TempDir
  Path work;

  private Path data;
  private Path file;

  @BeforeEach
  void experiment() throws Exception {
    data = CifarFiles.write(work.resolve("cifar"), RECORDS, 4);
    file = work.resolve("models.yaml");
    Files.writeString(file, "name: models\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 4, batch-size: 25}\nmatrix: {architecture: [baseline-cnn]}\n");
  }

  @Test
  void theLastModelLoadsInPlainTensorFlowAndScoresTheRecordedAccuracy() throws Exception {
    Cli.Result run = Cli.run(work, "run", file.toString(), "--out", "out", "--no-report");
    assertEquals(0, run.exitCode(), run.err());
    Path runDir = work.resolve("out/baseline-cnn__s1");
    JsonNode kept = new ObjectMapper().readTree(runDir.resolve("model/model.json").toFile());
    assertEquals("last", kept.path("kept").asText());
    assertEquals(4, kept.path("epoch").asInt());
    double recorded = testAccuracies(runDir).get(3);

    assertEquals(recorded, plainTensorFlowAccuracy(runDir.resolve("model")), 0.001,
        "within 0.1 percentage points of the accuracy recorded after epoch 4");

    Cli.Result evaluated = Cli.run(work, "evaluate", runDir.toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    Matcher m = Pattern.compile("baseline-cnn__s1: ([0-9.]+) % of 100 test images; recorded after epoch 4 \\(last "
        + "model\\): ([0-9.]+) %").matcher(evaluated.out());
    assertTrue(m.find(), evaluated.out());
    assertEquals(100 * recorded, Double.parseDouble(m.group(1)), 0.1);
    assertEquals(100 * recorded, Double.parseDouble(m.group(2)), 0.005);
    try (var files = Files.walk(runDir.resolve("model"))) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      assertTrue(bytes < 2_000_000, "no data set in the model: " + bytes + " bytes for a 62k-parameter network");
    }
  }

  @Test
  void theBestModelIsTheEpochWithTheHighestAccuracyAndNoneKeepsNothing() throws Exception {
    Cli.Result best = Cli.run(work, "run", file.toString(), "--out", "best", "--no-report", "--keep-models", "best");
    assertEquals(0, best.exitCode(), best.err());
    Path runDir = work.resolve("best/baseline-cnn__s1");
    List<Double> accuracies = testAccuracies(runDir);
    int bestEpoch = 1;
    for (int e = 2; e <= accuracies.size(); e++) {
      bestEpoch = accuracies.get(e - 1) > accuracies.get(bestEpoch - 1) ? e : bestEpoch;
    }
    JsonNode kept = new ObjectMapper().readTree(runDir.resolve("model/model.json").toFile());
    assertEquals("best", kept.path("kept").asText());
    assertEquals(bestEpoch, kept.path("epoch").asInt(), accuracies.toString());
    assertEquals(accuracies.get(bestEpoch - 1), plainTensorFlowAccuracy(runDir.resolve("model")), 0.001);

    Cli.Result none = Cli.run(work, "run", file.toString(), "--out", "none", "--no-report", "--keep-models", "none");
    assertEquals(0, none.exitCode(), none.err());
    assertFalse(Files.exists(work.resolve("none/baseline-cnn__s1/model")));
    Cli.Result evaluate = Cli.run(work, "evaluate", "none/baseline-cnn__s1");
    assertEquals(2, evaluate.exitCode());
    assertTrue(evaluate.err().contains("kept no model"), evaluate.err());
  }

  private static List<Double> testAccuracies(Path runDir) throws Exception {
    List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
    int column = List.of(lines.get(0).split(",")).indexOf("test_accuracy");
    return lines.stream().skip(1).map(l -> Double.parseDouble(l.split(",")[column])).toList();
  }

  /**
   * The model's accuracy on test_batch.bin using TensorFlow and the file format only: what someone without
   * convbench would write.
   */
  private double plainTensorFlowAccuracy(Path model) throws Exception {
    byte[] records = Files.readAllBytes(data.resolve("test_batch.bin"));
    int n = records.length / 3073;
    byte[] hwc = new byte[n * 3072];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 1024; p++) {
        for (int c = 0; c < 3; c++) {
          hwc[i * 3072 + p * 3 + c] = records[i * 3073 + 1 + c * 1024 + p];
        }
      }
    }
    int correct = 0;
    try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), "serve");
        TUint8 images = TUint8.tensorOf(Shape.of(n, 32, 32, 3), DataBuffers.of(hwc, true, false));
        Result result = bundle.function("serving_default").call(Map.of("images", images))) {
      TFloat32 logits = (TFloat32) result.get("logits").orElseThrow();
      assertEquals(Shape.of(n, 10), logits.shape());
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int c = 1; c < 10; c++) {
          best = logits.getFloat(i, c) > logits.getFloat(i, best) ? c : best;
        }
        correct += best == records[i * 3073] ? 1 : 0;
      }
    }
    return (double) correct / n;
  }
}
