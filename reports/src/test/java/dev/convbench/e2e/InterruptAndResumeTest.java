package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped part-way — SIGKILL, SIGTERM, Ctrl-C — and continued from its checkpoint ends with the same per-epoch
 * metrics as the run never stopped. On this CPU the baseline CNN's kernels are deterministic, so "the same" is
 * bit for bit; training seconds differ, of course, and are not compared.
 */
class InterruptAndResumeTest {

  private static final String RUN = "baseline-cnn__s1";
  private static final int EPOCHS = 8;
  /** Every column that the run's numbers decide: not the timings. */
  private static final List<String> COMPARED = List.of("epoch", "train_loss", "train_accuracy", "test_loss",
      "test_accuracy", "learning_rate", "train_eval_loss", "train_eval_accuracy");
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir
  Path work;

  private Path file;
  private List<List<String>> uninterrupted;

  @BeforeEach
  void referenceRun() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 100, 9);
    file = work.resolve("resume.yaml");
    Files.writeString(file, "name: resume\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: " + EPOCHS + ", batch-size: 25, optimizer: {type: sgd, lr: 0.05}}\n"
        + "matrix: {architecture: [baseline-cnn]}\n");
    Cli.Result reference = Cli.run(work, "run", file.toString(), "--out", "reference", "--no-report");
    assertEquals(0, reference.exitCode(), reference.err());
    uninterrupted = compared(work.resolve("reference").resolve(RUN));
    assertEquals(EPOCHS, uninterrupted.size());
  }

  @Test
  void aRunKilledAfterAnEpochContinuesFromItsCheckpointAsIfNeverStopped() throws Exception {
    Path out = work.resolve("killed");
    Process process = CliProcess.start(work.resolve("killed.log"), "run", file.toString(), "--out", out.toString());
    try {
      assertTrue(CliProcess.await(() -> epochsWritten(out) >= 3, process, TIMEOUT),
          "three epochs written before the end: " + read(work.resolve("killed.log")));
    } finally {
      process.destroyForcibly().waitFor(); // SIGKILL: no handler runs
    }
    int written = epochsWritten(out);
    assertTrue(written < EPOCHS, "killed before the end (" + written + " epochs)");

    Cli.Result resumed = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains(RUN + ": resumed at epoch "), resumed.err());
    assertEquals(uninterrupted, compared(out.resolve(RUN)), "the same epochs, each once, with the same numbers");
  }

  @Test
  void sigtermWritesACheckpointMarksTheRunInterruptedWritesTheReportAndExits143() throws Exception {
    stopAndResume("TERM", 143);
  }

  @Test
  void ctrlCDoesTheSameAndExits130() throws Exception {
    stopAndResume("INT", 130);
  }

  private void stopAndResume(String signal, int exitCode) throws Exception {
    Path out = work.resolve("stopped-" + signal);
    Path log = work.resolve(signal + ".log");
    Process process = CliProcess.start(log, "run", file.toString(), "--out", out.toString());
    assertTrue(CliProcess.await(() -> epochsWritten(out) >= 2, process, TIMEOUT), read(log));
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
    assertEquals(exitCode, CliProcess.exitCode(process, TIMEOUT, log), read(log));

    String err = read(log);
    assertEquals("interrupted", CliProcess.status(out.resolve(RUN)), err);
    assertTrue(err.contains("interrupted (" + RUN + " continues from its checkpoint); to continue: convbench run "
        + file + " --out " + out), err);
    assertTrue(Files.readString(out.resolve("report/index.html")).contains("interrupted"), "the report says so");

    Cli.Result resumed = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains(RUN + ": resumed at epoch "), resumed.err());
    assertEquals("completed", CliProcess.status(out.resolve(RUN)));
    assertEquals(uninterrupted, compared(out.resolve(RUN)));
  }

  private static int epochsWritten(Path out) {
    try {
      Path metrics = out.resolve(RUN).resolve("metrics.csv");
      return Files.exists(metrics) ? (int) Files.readAllLines(metrics).stream().skip(1)
          .filter(l -> !l.isBlank()).count() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The compared columns of every row of metrics.csv. */
  private static List<List<String>> compared(Path run) throws IOException {
    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      rows.add(COMPARED.stream().map(c -> cells[header.indexOf(c)]).toList());
    }
    return rows;
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
