package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.RunSpec;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.results.MetricsCsv;
import dev.convbench.results.RunIdentity;
import dev.convbench.spi.HyperParameters;
import dev.convbench.store.ClaimSettings;
import dev.convbench.store.Claims;
import dev.convbench.store.HeldClaim;
import dev.convbench.store.Processes;
import dev.convbench.store.ResultStore;
import dev.convbench.store.RunIdentities;
import dev.convbench.store.RunStartInfo;
import dev.convbench.store.RunWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.Summary;

/**
 * The TensorBoard event files of real (tiny) runs, read back as TensorBoard reads them ({@link EventFileReader}) and
 * compared with the run's CSV files: 2 epochs of 5 steps, the loss logged and the layers sampled every 2 steps.
 */
class EventFilesTest {

  private static final int STEPS_PER_EPOCH = 5;
  private static final TrainingConfig CFG = new TrainingConfig(2, 20, Optimizer.defaults(),
      new LearningRateSchedule.Constant(0), 5e-4, AugmentationConfig.standard(), null, 2);
  private static final RunStartInfo INFO = new RunStartInfo("small-net", "test", 0,
      new Environment("2.16.2", "CPU", null, "Test JVM 17", "Linux", "Test CPU", 2, "auto"),
      new DatasetFacts(100, 100, "generated", Map.of("generated", 100), false));

  @TempDir
  static Path out;

  private static Path runDirectory;

  @BeforeAll
  static void trainOnce() throws IOException {
    RunSpec spec = spec("small-net__s1");
    ResultStore store = new ResultStore(out);
    try (PreparedRun run = prepare(); RunWriter writer = store.start(spec, INFO)) {
      TrainingOutcome outcome = run.run(writer, null, null, CheckpointPolicy.defaults(), writer, () -> false,
          writer.directory());
      assertEquals(dev.convbench.results.RunStatus.COMPLETED, outcome.status());
      writer.complete();
      runDirectory = writer.directory();
    }
  }

  @Test
  void theEventFileHoldsTheCsvFilesValuesTheGraphAndHistogramsPerLayer() throws IOException {
    List<Path> files = eventFiles(runDirectory);
    assertEquals(1, files.size(), "one file per process, in the run's directory: " + files);
    List<Event> events = EventFileReader.read(files.get(0));
    assertEquals("brain.Event:2", events.get(0).getFileVersion(), "TensorFlow's writer starts with the version");

    List<Event> graphs = events.stream().filter(Event::hasGraphDef).toList();
    assertEquals(1, graphs.size());
    GraphDef graph = GraphDef.parseFrom(graphs.get(0).getGraphDef());
    assertTrue(graph.getNodeList().stream().map(NodeDef::getName).anyMatch(n -> n.startsWith("optimizer/")),
        "the training graph, optimizer included");

    assertEquals(stepLosses(runDirectory), scalars(events, EventFileOps.STEP_LOSS_TAG));
    assertEpochScalarsMatchMetricsCsv(runDirectory, events);

    // layers.csv's samples: each layer's gradient and weight norms at a step, every 2 steps. Histograms are taken at
    // each epoch's last sample (steps 4 and 10) and hold the same values: the L2 norm is the square root of their sum
    // of squares.
    List<Map<String, String>> samples = rows(runDirectory.resolve(MetricsCsv.LAYER_FILE)).stream()
        .filter(r -> r.get("kind").equals("sample")).filter(r -> Set.of("4", "10").contains(r.get("step"))).toList();
    assertEquals(List.of("conv1", "bn1", "fc1"), samples.stream().map(r -> r.get("layer")).distinct().toList());
    assertEquals(6, samples.size(), "3 layers at 2 steps: " + samples);
    Map<String, HistogramProto> histograms = new HashMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.hasHisto()) {
          assertTrue(histograms.put(v.getTag() + "@" + e.getStep(), v.getHisto()) == null, "one per tag and step");
        }
      }
    }
    assertEquals(samples.size() * 2, histograms.size(), "weights and gradients of each sampled layer, nothing else");
    Map<String, Integer> parameters = Map.of("conv1", 3 * 3 * 3 * 8, "bn1", 2 * 8, "fc1", 8 * 10 + 10);
    for (Map<String, String> sample : samples) {
      String at = "@" + sample.get("step");
      HistogramProto weights = histograms.get(EventFileOps.WEIGHTS_PREFIX + sample.get("layer") + at);
      HistogramProto gradients = histograms.get(EventFileOps.GRADIENTS_PREFIX + sample.get("layer") + at);
      assertEquals(parameters.get(sample.get("layer")), (int) weights.getNum(), sample.toString());
      assertEquals(parameters.get(sample.get("layer")), (int) gradients.getNum(), sample.toString());
      assertEquals(Double.parseDouble(sample.get("weight_norm")), Math.sqrt(weights.getSumSquares()),
          1e-4 * Double.parseDouble(sample.get("weight_norm")), "weights after the step: " + sample);
      assertEquals(Double.parseDouble(sample.get("gradient_norm")), Math.sqrt(gradients.getSumSquares()),
          1e-4 * Double.parseDouble(sample.get("gradient_norm")), "the step's gradients: " + sample);
    }
  }

  @Test
  void aChangedByteFailsAChecksum() throws IOException {
    byte[] bytes = Files.readAllBytes(eventFiles(runDirectory).get(0));
    EventFileReader.read(eventFiles(runDirectory).get(0));
    Path copy = out.resolve("changed");
    int[] positions = {3, 8, bytes.length / 2, bytes.length - 1}; // length, its CRC, a payload, the last CRC
    for (int position : positions) {
      byte[] changed = bytes.clone();
      changed[position] ^= 0x10;
      Files.write(copy, changed);
      IOException e = assertThrows(IOException.class, () -> EventFileReader.read(copy), "byte " + position);
      assertTrue(e.getMessage().contains("CRC") || e.getMessage().contains("cut short"), e.getMessage());
    }
  }

  @Test
  void aResumedRunAddsAFileThatContinuesAtTheCheckpointsStep() throws IOException {
    RunSpec spec = spec("small-net__s1");
    Path dir = out.resolve("resumed");
    ResultStore store = new ResultStore(dir);
    RunIdentity identity = RunIdentities.of(spec, "data");
    try (Claims claims = new Claims(dir, ClaimSettings.defaults(), Processes.current(Map.of()), Clock.systemUTC())) {
      HeldClaim first = claims.claim(claims.observe(spec.runId())).orElseThrow();
      AtomicInteger stepsTrained = new AtomicInteger();
      try (PreparedRun run = prepare(); RunWriter writer = store.start(spec, INFO, identity, first, 1)) {
        TrainingOutcome outcome = run.run(writer, null, null, CheckpointPolicy.defaults(), writer,
            () -> stepsTrained.incrementAndGet() == 3, writer.directory());
        assertEquals(dev.convbench.results.RunStatus.INTERRUPTED, outcome.status(), outcome.reason());
        writer.interrupted(outcome.reason());
      }
      first.release("interrupted");

      HeldClaim second = claims.claim(claims.observe(spec.runId())).orElseThrow();
      ResultStore.ResumePoint from = store.latestCheckpoint(spec.runId()).orElseThrow();
      assertEquals(3, from.position().globalStep());
      try (PreparedRun run = prepare();
          RunWriter writer = store.resume(spec, INFO, identity, second, from, 1)) {
        run.run(writer, from.variables(), from.position(), CheckpointPolicy.defaults(), writer, () -> false,
            writer.directory());
        writer.complete();
      }
      second.release("completed");
    }
    Path runDir = dir.resolve(spec.runId());
    List<List<Event>> files = new ArrayList<>();
    for (Path file : eventFiles(runDir)) {
      files.add(EventFileReader.read(file));
    }
    assertEquals(2, files.size(), "a file per process");
    files.sort(java.util.Comparator.comparingDouble(events -> events.get(0).getWallTime()));
    List<Event> first = files.get(0);
    List<Event> second = files.get(1);
    assertEquals(List.of(2L), List.copyOf(scalars(first, EventFileOps.STEP_LOSS_TAG).keySet()),
        "the first process logged step 2 and stopped after step 3");
    assertEquals(List.of(4L, 6L, 8L, 10L), List.copyOf(scalars(second, EventFileOps.STEP_LOSS_TAG).keySet()),
        "the second continued at the checkpoint's global step");
    List<Event> both = new ArrayList<>(first);
    both.addAll(second);
    assertEquals(stepLosses(runDir), scalars(both, EventFileOps.STEP_LOSS_TAG));
    assertEpochScalarsMatchMetricsCsv(runDir, both);
  }

  @Test
  void aDivergingRunStillEndsAsDivergedWithItsEventFileReadable() throws IOException {
    // A learning rate this large sends the weights, then the gradients, to infinity after the first step; with 2
    // steps per epoch the second takes the histograms, of non-finite values, which TensorFlow's kernel refuses.
    TrainingConfig exploding = new TrainingConfig(2, 50, new Optimizer.Sgd(1e30, 0, false),
        new LearningRateSchedule.Constant(0), 0, AugmentationConfig.none(), null, 1);
    Path dir = out.resolve("diverging");
    try (PreparedRun run = new Trainer().prepare(new SmallNet(), HyperParameters.defaults(List.of()), exploding,
        SmallNet.data(100, 3), 1)) {
      TrainingOutcome outcome = run.run(new TrainingListener() {}, null, null, CheckpointPolicy.defaults(),
          CheckpointSink.NONE, () -> false, dir);
      assertEquals(dev.convbench.results.RunStatus.DIVERGED, outcome.status(), outcome.reason());
    }
    List<Event> events = EventFileReader.read(eventFiles(dir).get(0));
    assertTrue(scalars(events, EventFileOps.STEP_LOSS_TAG).values().stream().anyMatch(v -> !Float.isFinite(v)),
        "the non-finite loss is written");
  }

  private static RunSpec spec(String runId) {
    return new RunSpec(runId, "small-net", Map.of(), CFG, DatasetOptions.defaults(), RunSeeds.uniform(1), Map.of(),
        "small-net");
  }

  private static PreparedRun prepare() {
    return new Trainer().prepare(new SmallNet(), HyperParameters.defaults(List.of()), CFG, SmallNet.data(100, 3), 1);
  }

  /** Per epoch of metrics.csv, each epoch scalar at the epoch's last step holds its column's value (as a float). */
  private static void assertEpochScalarsMatchMetricsCsv(Path runDir, List<Event> events) throws IOException {
    List<Map<String, String>> epochs = rows(runDir.resolve(MetricsCsv.EPOCH_FILE));
    assertEquals(CFG.epochs(), epochs.size());
    Map<String, String> columnOfTag = Map.of("epoch/train_loss", "train_loss", "epoch/train_accuracy",
        "train_accuracy", "epoch/test_loss", "test_loss", "epoch/test_accuracy", "test_accuracy",
        "epoch/learning_rate", "learning_rate", "epoch/images_per_second", "images_per_second");
    assertEquals(columnOfTag.keySet(), Set.copyOf(EventFileOps.EPOCH_SCALARS.stream().map(s -> s.tag()).toList()));
    for (Map.Entry<String, String> tag : columnOfTag.entrySet()) {
      Map<Long, Float> expected = new TreeMap<>();
      for (Map<String, String> epoch : epochs) {
        expected.put(Long.parseLong(epoch.get("epoch")) * STEPS_PER_EPOCH,
            (float) Double.parseDouble(epoch.get(tag.getValue())));
      }
      assertEquals(expected, scalars(events, tag.getKey()), tag.getKey());
    }
  }

  /** steps.csv as step → loss (as a float, what the event file holds). */
  private static Map<Long, Float> stepLosses(Path runDir) throws IOException {
    Map<Long, Float> losses = new TreeMap<>();
    for (Map<String, String> row : rows(runDir.resolve(MetricsCsv.STEP_FILE))) {
      losses.put(Long.parseLong(row.get("step")), (float) Double.parseDouble(row.get("loss")));
    }
    return losses;
  }

  /** The scalar events of {@code tag} as step → value; a step written twice fails. */
  private static Map<Long, Float> scalars(List<Event> events, String tag) {
    Map<Long, Float> values = new TreeMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getTag().equals(tag)) {
          assertEquals(Summary.Value.ValueCase.SIMPLE_VALUE, v.getValueCase(), tag);
          assertTrue(values.put(e.getStep(), v.getSimpleValue()) == null, tag + " twice at step " + e.getStep());
        }
      }
    }
    return values;
  }

  private static List<Map<String, String>> rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], cells[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Path> eventFiles(Path runDir) throws IOException {
    try (Stream<Path> files = Files.list(runDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    }
  }

}
