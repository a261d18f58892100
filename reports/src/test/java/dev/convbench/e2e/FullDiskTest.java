package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convbench.results.ResultsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results directory on a file system that fills up mid-run (a 1.2 MB tmpfs, which needs root): one line says which
 * file could not be written and why, nothing half-written is left, what was written stays readable, and once there is
 * space again the run continues from its last complete checkpoint.
 */
class FullDiskTest {

  private static final List<String> RUNS = List.of("baseline-cnn__s1", "lenet5__s1");

  @TempDir
  Path work;

  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  void aFullDiskStopsWithOneLineLeavesNothingHalfWrittenAndTheRunContinuesLater() throws Exception {
    mount = Files.createDirectory(work.resolve("small"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", mount.toString()) == 0,
        "mounting a tmpfs needs root: full-disk test skipped");
    Path data = CifarFiles.write(work.resolve("cifar"), 60, 5);
    Path file = work.resolve("full.yaml");
    Files.writeString(file, "name: full\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 15, batch-size: 50}\nmatrix: {architecture: [baseline-cnn, lenet5]}\n");
    Path out = mount.resolve("out");

    Cli.Result full = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(1, full.exitCode(), full.err());
    String last = full.err().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("error: ") && last.contains("No space left on device") && last.contains("(details: "),
        last);
    assertFalse(full.err().contains("\tat "), "no stack trace on the terminal: " + full.err());
    try (Stream<Path> files = Files.walk(out)) {
      List<String> leftovers = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".tmp") || n.startsWith(".trash-") || n.contains("tempstate")).toList();
      assertEquals(List.of(), leftovers, "temporary files removed");
    }
    new ResultsReader(w -> { }).read(out); // what was written reads back (a cut last line at most)
    assertEquals("failed", CliProcess.status(out.resolve(RUNS.get(0))));

    assertEquals(0, run("mount", "-o", "remount,size=20m", mount.toString()));
    Cli.Result again = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--retry-failed");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.err().contains(RUNS.get(0) + ": resumed at epoch "), again.err());
    for (String id : RUNS) {
      assertEquals("completed", CliProcess.status(out.resolve(id)), id);
      assertEquals(1 + 15, Files.readAllLines(out.resolve(id).resolve("metrics.csv")).size(), id);
    }
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
