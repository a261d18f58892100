package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A matrix killed mid-way (SIGKILL, no chance to clean up) and started again loses nothing and repeats nothing. */
class ResumeTest {

  @TempDir
  Path work;

  @Test
  void killedMatrixResumesWithoutLosingOrRepeatingRuns() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 60, 5);
    Path file = work.resolve("resume.yaml");
    Files.writeString(file, "name: resume\n"
        + "dataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 3, batch-size: 50}\n"
        + "matrix:\n  architecture: [baseline-cnn, resnet18]\n");
    Path out = work.resolve("out");
    Path first = out.resolve(runIdOf("baseline-cnn"));

    Process process = CliProcess.start(work.resolve("killed.log"), "run", file.toString(), "--out", out.toString());
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      // Kill once the first run is final and the second has started training.
      while (!(status(first).equals("completed") && secondRunStarted(out)) && Instant.now().isBefore(deadline)
          && process.isAlive()) {
        Thread.sleep(100);
      }
      assertTrue(process.isAlive(), "the matrix finished before it could be killed: "
          + Files.readString(work.resolve("killed.log")));
    } finally {
      process.destroyForcibly().waitFor();
    }
    byte[] firstRunJson = Files.readAllBytes(first.resolve("run.json"));
    byte[] firstMetrics = Files.readAllBytes(first.resolve("metrics.csv"));

    // The same command again: it joins the directory, keeps what finished and takes over the killed run at once
    // (its process is gone, on this machine).
    Cli.Result resumed = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("taking over (claim of pid " + process.pid()), resumed.err());
    assertArrayEquals(firstRunJson, Files.readAllBytes(first.resolve("run.json")), "completed run kept as it was");
    assertArrayEquals(firstMetrics, Files.readAllBytes(first.resolve("metrics.csv")));
    try (var runs = Files.list(out)) {
      for (Path run : runs.filter(p -> Files.exists(p.resolve("run.json"))).toList()) {
        assertEquals("completed", status(run), run.toString());
        assertEquals(1 + 3, Files.readAllLines(run.resolve("metrics.csv")).size(), "no lost or repeated epochs");
      }
    }
  }

  private static String runIdOf(String architecture) throws IOException {
    return architecture + "__s1";
  }

  private static boolean secondRunStarted(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return false;
    }
    try (var runs = Files.list(out)) {
      return runs.anyMatch(p -> p.getFileName().toString().startsWith("resnet18") && status(p).equals("running"));
    }
  }

  private static String status(Path runDir) {
    return CliProcess.status(runDir);
  }
}
