package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one results directory, as users start them: at the same instant, seconds apart, as workers,
 * with one of them killed. Each real JVM trains real (tiny) runs; nothing may be lost or trained twice.
 */
class ConcurrentWritersTest {

  private static final List<String> RUNS = List.of("baseline-cnn__s1", "lenet5__s1", "baseline-cnn__s2",
      "lenet5__s2");
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern COMPLETED = Pattern.compile("(\\d+) completed, ");

  @TempDir
  Path work;

  private Path file;
  private Path out;

  @BeforeEach
  void experiment() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 60, 5);
    file = work.resolve("shared.yaml");
    out = work.resolve("out");
    // ~1-2 s of training per run on 2 cores: long enough for the processes to overlap.
    Files.writeString(file, "name: shared\n"
        + "dataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 12, batch-size: 50}\n"
        + "matrix:\n  architecture: [baseline-cnn, lenet5]\n"
        + "seeds: [1, 2]\n");
  }

  @Test
  void twoRunsStartedAtTheSameInstantTrainEveryRunOnce() throws Exception {
    Process a = CliProcess.start(work.resolve("a.log"), "run", file.toString(), "--out", out.toString());
    Process b = CliProcess.start(work.resolve("b.log"), "run", file.toString(), "--out", out.toString());
    assertEquals(0, CliProcess.exitCode(a, TIMEOUT, work.resolve("a.log")), Files.readString(work.resolve("a.log")));
    assertEquals(0, CliProcess.exitCode(b, TIMEOUT, work.resolve("b.log")), Files.readString(work.resolve("b.log")));

    ExactlyOnce.check(out, RUNS, 12);
    int trained = completed(work.resolve("a.log")) + completed(work.resolve("b.log"));
    assertEquals(RUNS.size(), trained, "each run trained by exactly one of the two processes");
    for (String id : RUNS) {
      assertEquals(1, ExactlyOnce.attempts(out, id).size(), id + ": claimed once");
    }
    assertTrue(Files.isRegularFile(out.resolve("report/index.html")));
  }

  @Test
  void runStartedSecondsAfterAnotherLeavesItsLiveRunAlone() throws Exception {
    Process first = CliProcess.start(work.resolve("first.log"), "run", file.toString(), "--out", out.toString());
    Path firstRun = out.resolve(RUNS.get(0));
    assertTrue(CliProcess.await(() -> CliProcess.status(firstRun).equals("running"), first, TIMEOUT),
        "the first process started training: " + Files.readString(work.resolve("first.log")));
    JsonNode live = CliProcess.runJson(firstRun);
    assertNotNull(live);

    // --resume as old scripts pass it: the same as joining.
    Process second = CliProcess.start(work.resolve("second.log"), "run", file.toString(), "--out", out.toString(),
        "--resume");
    assertEquals(0, CliProcess.exitCode(second, TIMEOUT, work.resolve("second.log")),
        Files.readString(work.resolve("second.log")));
    assertEquals(0, CliProcess.exitCode(first, TIMEOUT, work.resolve("first.log")),
        Files.readString(work.resolve("first.log")));

    ExactlyOnce.check(out, RUNS, 12);
    assertEquals(live.path("attempt").path("token").asText(),
        CliProcess.runJson(firstRun).path("attempt").path("token").asText(),
        "the run the first process was training was neither cleared nor trained again");
    assertEquals(RUNS.size(), completed(work.resolve("first.log")) + completed(work.resolve("second.log")));
  }

  @Test
  void workersFinishTheMatrixBetweenThemAndTakeOverTheRunOfAKilledOne() throws Exception {
    Process doomed = CliProcess.start(work.resolve("doomed.log"), "worker", file.toString(), "--out",
        out.toString());
    Path firstRun = out.resolve(RUNS.get(0));
    try {
      assertTrue(CliProcess.await(() -> CliProcess.status(firstRun).equals("running"), doomed, TIMEOUT),
          Files.readString(work.resolve("doomed.log")));
    } finally {
      doomed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the claim stays as it was
    }
    assertEquals("running", CliProcess.status(firstRun));

    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(CliProcess.start(work.resolve("worker" + i + ".log"), "worker", file.toString(), "--out",
          out.toString(), "--poll", "200ms"));
    }
    int trained = 0;
    for (int i = 0; i < workers.size(); i++) {
      Path log = work.resolve("worker" + i + ".log");
      assertEquals(0, CliProcess.exitCode(workers.get(i), TIMEOUT, log), Files.readString(log));
      trained += completed(log);
    }
    assertEquals(RUNS.size(), trained);
    ExactlyOnce.check(out, RUNS, 12);
    List<JsonNode> attempts = ExactlyOnce.attempts(out, RUNS.get(0));
    assertEquals(2, attempts.size(), "the killed worker's attempt, then the takeover");
    assertTrue(attempts.get(0).path("outcome").isNull(), "a killed process records no outcome");
    JsonNode takeover = CliProcess.runJson(firstRun).path("attempt").path("takeover");
    assertEquals(doomed.pid(), takeover.path("holder").path("pid").asLong(), "run.json names the dead holder");
    assertTrue(takeover.path("reason").asText().endsWith("is gone"), takeover.toString());
  }

  @Test
  void sigtermReleasesTheClaimSoTheNextProcessContinuesAtOnce() throws Exception {
    Process stopped = CliProcess.start(work.resolve("stopped.log"), "run", file.toString(), "--out",
        out.toString());
    Path firstRun = out.resolve(RUNS.get(0));
    try {
      assertTrue(CliProcess.await(() -> CliProcess.status(firstRun).equals("running"), stopped, TIMEOUT),
          Files.readString(work.resolve("stopped.log")));
    } finally {
      stopped.destroy(); // SIGTERM, as scancel, a Kubernetes eviction or a plain kill sends it
      stopped.waitFor();
    }
    List<JsonNode> attempts = ExactlyOnce.attempts(out, RUNS.get(0));
    assertEquals("interrupted", attempts.get(attempts.size() - 1).path("outcome").asText(), attempts.toString());

    // A long stale timeout: the run is free because it was released, not because its claim went stale.
    Cli.Result next = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--stale-after", "1h");
    assertEquals(0, next.exitCode(), next.err());
    assertFalse(next.err().contains("taking over"), next.err());
    ExactlyOnce.check(out, RUNS, 12);
  }

  private static int completed(Path log) throws Exception {
    Matcher m = COMPLETED.matcher(Files.readString(log));
    assertTrue(m.find(), "summary line in " + Files.readString(log));
    return Integer.parseInt(m.group(1));
  }
}
