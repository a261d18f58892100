package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.ExperimentLoader;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugins.BaselineCnn;
import dev.convbench.store.ClaimSettings;
import dev.convbench.store.Claims;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import dev.convbench.store.Processes;
import dev.convbench.store.ResultStore;
import dev.convbench.store.ResultsDirectoryInUseException;
import dev.convbench.results.ResultsReader;
import dev.convbench.store.RunIdentities;
import dev.convbench.store.RunStartInfo;
import dev.convbench.store.RunState;
import dev.convbench.store.RunWriter;
import dev.convbench.training.Hardware;
import dev.convbench.training.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code precision: auto} in a results directory shared by machines that resolve it differently: the first process
 * records its resolution in {@code experiment.json}, the others compute in it, or refuse when they cannot. Machines
 * are simulated by their {@link Hardware}; the directories are real.
 */
class SharedAutoPrecisionTest {

  private static final Hardware PLAIN_CPU = Hardware.cpu("avx2", "avx512f");
  private static final Hardware BF16_CPU = Hardware.cpu("avx512f", "avx512_bf16", "amx_bf16");
  private static final Hardware TENSOR_CORE_GPU = new Hardware(Set.of("avx2"), true, 86);

  @TempDir
  Path work;

  private Experiment load() throws ExperimentException {
    return new ExperimentLoader().parse("""
        name: shared
        defaults: {epochs: 1, precision: auto}
        matrix:
          architecture: [baseline-cnn]
          optimizer.lr: [0.01, 0.1]
        """, work.resolve("shared.yaml"), List.of(new BaselineCnn()));
  }

  /** What the process that trains on {@code here} makes of the experiment for {@code out}. */
  private Experiment trainingOn(Hardware here, Path out) throws ExperimentException {
    return ExperimentOptions.resolvedOn(load(), out, here, true);
  }

  private static Precision recorded(Path out) throws IOException {
    String recorded = ResultsReader.readManifest(out).orElseThrow().autoPrecision();
    return recorded == null ? null : Precision.parse(recorded).orElseThrow();
  }

  /** A run finished by the process that resolved {@code experiment}, as {@code run.json} records it. */
  private static void finish(ResultStore store, RunSpec spec) throws IOException {
    RunStartInfo info = new RunStartInfo("baseline-cnn", "built-in", 10,
        new Environment("2.18.0", "CPU", null, "JVM", "Linux", "CPU", 2, "auto"),
        new DatasetFacts(100, 100, "test", Map.of(), false));
    try (RunWriter run = store.start(spec, info, RunIdentities.of(spec, "data"), null, 1)) {
      run.complete();
    }
  }

  private static RunState.Kind stateOf(ResultStore store, RunSpec spec) throws IOException {
    try (Claims claims = new Claims(store.directory(), ClaimSettings.defaults(), Processes.current(Map.of()),
        Clock.systemUTC())) {
      return store.inspect(spec, RunIdentities.of(spec, "data"), claims).kind();
    }
  }

  @Test
  void theFirstProcessRecordsWhatAutoMeansOnItsMachine() throws Exception {
    Path out = work.resolve("out");
    Experiment first = trainingOn(BF16_CPU, out);
    new ResultStore(out).writeExperiment(first);

    assertEquals(Precision.BF16, recorded(out));
    assertTrue(Files.readString(out.resolve("experiment.json")).contains("\"autoPrecision\" : \"bf16\""));
    assertTrue(first.runs().stream().allMatch(r -> r.training().precision() == Precision.BF16));
  }

  @Test
  void anExperimentWithoutAutoRecordsNothing() throws Exception {
    Path out = work.resolve("out");
    Experiment fixed = new ExperimentLoader().parse("name: fixed\narchitecture: baseline-cnn\n",
        work.resolve("fixed.yaml"), List.of(new BaselineCnn()));
    new ResultStore(out).writeExperiment(ExperimentOptions.resolvedOn(fixed, out, BF16_CPU, true));

    assertEquals(null, recorded(out));
    assertFalse(Files.readString(out.resolve("experiment.json")).contains("autoPrecision"));
  }

  @Test
  void laterProcessesAdoptTheRecordedPrecisionAndKeepTheFirstOnesRuns() throws Exception {
    Path out = work.resolve("out");
    ResultStore store = new ResultStore(out);
    Experiment first = trainingOn(PLAIN_CPU, out);
    store.writeExperiment(first);
    finish(store, first.runs().get(0));

    assertEquals(Precision.FP32, recorded(out));
    for (Hardware other : List.of(BF16_CPU, TENSOR_CORE_GPU)) {
      Experiment later = trainingOn(other, out);

      assertTrue(later.runs().stream().allMatch(r -> r.training().precision() == Precision.FP32),
          "alone, this machine would resolve auto to " + Precision.AUTO.resolve(other));
      assertEquals(first.runs(), later.runs());
      assertEquals(RunState.Kind.DONE, stateOf(store, later.runs().get(0)), "the first process's run is kept");
      assertEquals(RunState.Kind.LEFT, stateOf(store, later.runs().get(1)));
      store.checkJoinable(later);
      store.writeExperiment(later);
      assertEquals(Precision.FP32, recorded(out), "rewriting experiment.json keeps the record");
    }
  }

  @Test
  void aMachineThatDoesNotComputeTheRecordedPrecisionIsRefusedAndTouchesNothing() throws Exception {
    Path out = work.resolve("out");
    ResultStore store = new ResultStore(out);
    Experiment first = trainingOn(BF16_CPU, out);
    store.writeExperiment(first);
    finish(store, first.runs().get(0));
    List<String> before;
    try (var files = Files.walk(out)) {
      before = files.map(Path::toString).sorted().toList();
    }

    UserInputException e = assertThrows(UserInputException.class, () -> trainingOn(PLAIN_CPU, out));
    assertEquals(out.resolve("experiment.json") + " records precision auto as bf16, which this machine does not "
        + "compute: here auto means fp32 (the CPU has neither AVX512_BF16 nor AMX, so bfloat16 would be emulated and"
        + " slower); nothing was trained: run it on a machine that computes bf16, or choose another directory with"
        + " --out", e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertThrows(UserInputException.class, () -> trainingOn(TENSOR_CORE_GPU, out),
        "a GPU machine would compute fp16, not bf16");
    try (var files = Files.walk(out)) {
      assertEquals(before, files.map(Path::toString).sorted().toList());
    }
  }

  @Test
  void anEditedRecordThatIsNoPrecisionIsRefusedNotReplaced() throws Exception {
    Path out = work.resolve("out");
    new ResultStore(out).writeExperiment(trainingOn(BF16_CPU, out));
    Path manifest = out.resolve("experiment.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"bf16\"", "\"fp64\""));

    UserInputException e = assertThrows(UserInputException.class, () -> trainingOn(BF16_CPU, out));
    assertEquals(manifest + " records precision auto as 'fp64', which is not a precision (fp32, bf16 or fp16);"
        + " nothing was trained: restore the file, or choose another directory with --out", e.getMessage());
  }

  @Test
  void aDirectoryStartedOnATensorCoreGpuIsRefusedOnACpu() throws Exception {
    Path out = work.resolve("out");
    new ResultStore(out).writeExperiment(trainingOn(TENSOR_CORE_GPU, out));

    assertEquals(Precision.FP16, recorded(out));
    UserInputException e = assertThrows(UserInputException.class, () -> trainingOn(BF16_CPU, out));
    assertTrue(e.getMessage().contains("records precision auto as fp16, which this machine does not compute: here"
        + " auto means bf16 (the CPU has AVX512_BF16 and AMX_BF16)"), e.getMessage());
  }

  @Test
  void planShowsTheRecordedResolutionWhereverItRuns() throws Exception {
    Path out = work.resolve("out");
    new ResultStore(out).writeExperiment(trainingOn(BF16_CPU, out));

    Experiment planned = ExperimentOptions.resolvedOn(load(), out, PLAIN_CPU, false);
    assertEquals(Precision.BF16, planned.autoPrecision());
    assertEquals(Precision.FP32, ExperimentOptions.resolvedOn(load(), null, PLAIN_CPU, false).autoPrecision(),
        "without a results directory: what auto means here");
  }

  @Test
  void ofTwoProcessesThatStartTogetherTheOneThatRecordsSecondIsRefused() throws Exception {
    Path out = work.resolve("out");
    // Both look before either has written experiment.json, so each resolves auto for its own machine.
    Experiment onBf16 = trainingOn(BF16_CPU, out);
    Experiment onPlain = trainingOn(PLAIN_CPU, out);
    new ResultStore(out).checkJoinable(onPlain);
    new ResultStore(out).writeExperiment(onBf16);

    ResultsDirectoryInUseException e = assertThrows(ResultsDirectoryInUseException.class,
        () -> new ResultStore(out).writeExperiment(onPlain));
    assertEquals("results directory " + out + " records precision auto as bf16 (another process started on it at"
        + " the same time), and this process resolved it to fp32; nothing was trained: run the command again to"
        + " adopt bf16; choose another directory with --out", e.getMessage());
    assertEquals(Precision.BF16, recorded(out));
  }
}
