package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    // Kill once the first run is final and the second has claimed its directory and started: the CLI announces
    // each run ("[2/2] resnet18__s1: training") after writing its run.json, so that line is the moment.
    CliProcess.Watched watched = CliProcess.startWatching(work.resolve("killed.log"),
        line -> line.startsWith("[2/2] resnet18__s1: training"), "run", file.toString(), "--out", out.toString());
    Process process = watched.process();
    try {
      watched.line().get(3, TimeUnit.MINUTES);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("the second run never started: " + Files.readString(work.resolve("killed.log")), e);
    } finally {
      process.destroyForcibly().waitFor();
    }
    assertEquals("completed", status(first), "the first run was final before the second started");
    assertEquals("running", status(out.resolve(runIdOf("resnet18"))),
        "the second run was killed before it could finish");
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

  private static String status(Path runDir) {
    return CliProcess.status(runDir);
  }
}
