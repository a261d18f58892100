package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running an edited experiment file on its results directory: runs whose identity (what decides their numbers) is
 * unchanged are kept, whatever else changed; runs that no longer match are moved under {@code superseded/} and named,
 * never deleted.
 */
class EditedExperimentTest {

  @TempDir
  Path work;

  @Test
  void runsOfAnEarlierVersionOfTheFileAreKeptUnderSupersededAndUnchangedOnesAreKeptInPlace() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 30, 3);
    Path file = work.resolve("edit.yaml");
    Path out = work.resolve("out");
    String matrix = "matrix:\n  architecture: [baseline-cnn, lenet5]\n";
    Files.writeString(file, experiment("first version", data, 2) + matrix);
    Cli.Result first = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, first.exitCode(), first.err());
    byte[] lenetMetrics = Files.readAllBytes(out.resolve("lenet5__s1/metrics.csv"));

    // A new description and another data path (same content): nothing that decides a number.
    Path moved = Files.move(data, work.resolve("cifar-elsewhere"));
    Files.writeString(file, experiment("second version, reworded", moved, 2) + matrix);
    Cli.Result reworded = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, reworded.exitCode(), reworded.err());
    assertTrue(reworded.err().contains("0 completed, 0 diverged, 0 failed, 2 kept from before"), reworded.err());

    // Epochs 2 → 1 changes both runs; dropping lenet5 from the matrix leaves its run out of the file.
    Files.writeString(file, experiment("third version", moved, 1) + "matrix:\n  architecture: [baseline-cnn]\n");
    Cli.Result edited = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(0, edited.exitCode(), edited.err());
    assertTrue(edited.err().contains("1 completed, 0 diverged, 0 failed, 0 kept from before"), edited.err());
    assertTrue(edited.err().contains("2 runs of an earlier version of the file kept in " + out.resolve("superseded")
        + "; not in this report"), edited.err());

    List<String> superseded = listing(out.resolve("superseded"));
    assertEquals(2, superseded.size(), superseded.toString());
    Path oldLenet = out.resolve("superseded").resolve(superseded.stream().filter(n -> n.startsWith("lenet5__s1."))
        .findFirst().orElseThrow());
    assertArrayEquals(lenetMetrics, Files.readAllBytes(oldLenet.resolve("metrics.csv")), "moved as it was");
    Path oldCnn = out.resolve("superseded").resolve(superseded.stream()
        .filter(n -> n.startsWith("baseline-cnn__s1.")).findFirst().orElseThrow());
    assertEquals(1 + 2, Files.readAllLines(oldCnn.resolve("metrics.csv")).size());
    assertEquals(1 + 1, Files.readAllLines(out.resolve("baseline-cnn__s1/metrics.csv")).size());
    assertEquals(List.of("baseline-cnn__s1", "experiment.json", "experiment.yaml", "report", "results.json",
        "superseded"), listing(out), "the report reads only the file's runs; results.json is written beside it");
    String report = Files.readString(out.resolve("report/index.html"));
    assertTrue(!report.contains("lenet5"), "superseded runs are not in the report");
  }

  @Test
  void aRunWhoseRunJsonCannotBeReadIsMovedUnderSupersededNeverDeletedNorBlocksTheDirectory() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 30, 3);
    Path file = work.resolve("edit.yaml");
    Path out = work.resolve("out");
    Files.writeString(file, experiment("v1", data, 1) + "matrix:\n  architecture: [baseline-cnn, lenet5]\n");
    assertEquals(0, Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report").exitCode());
    byte[] cnnMetrics = Files.readAllBytes(out.resolve("baseline-cnn__s1/metrics.csv"));
    byte[] lenetMetrics = Files.readAllBytes(out.resolve("lenet5__s1/metrics.csv"));
    for (String run : List.of("baseline-cnn__s1", "lenet5__s1")) { // damaged, or a status this release lacks
      Path runJson = out.resolve(run).resolve("run.json");
      Files.writeString(runJson, Files.readString(runJson).replace("\"completed\"", "\"cancelled\""));
    }

    // lenet5 leaves the file (a stray run); baseline-cnn stays and cannot be read, so it is trained again.
    Files.writeString(file, experiment("v1", data, 1) + "matrix:\n  architecture: [baseline-cnn]\n");
    Cli.Result edited = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, edited.exitCode(), edited.err());
    assertTrue(edited.err().contains("1 completed, 0 diverged, 0 failed, 0 kept from before"), edited.err());

    List<String> superseded = listing(out.resolve("superseded"));
    assertEquals(List.of("baseline-cnn__s1.old", "lenet5__s1.old"), superseded);
    assertArrayEquals(cnnMetrics, Files.readAllBytes(out.resolve("superseded/baseline-cnn__s1.old/metrics.csv")));
    assertArrayEquals(lenetMetrics, Files.readAllBytes(out.resolve("superseded/lenet5__s1.old/metrics.csv")));
  }

  @Test
  void anotherExperimentsDirectoryIsRefused() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 30, 3);
    Path out = work.resolve("out");
    Path a = work.resolve("a.yaml");
    Files.writeString(a, experiment("a", data, 1) + "matrix:\n  architecture: [baseline-cnn]\n");
    assertEquals(0, Cli.run(work, "run", a.toString(), "--out", out.toString(), "--no-report").exitCode());
    Path b = work.resolve("b.yaml");
    Files.writeString(b, experiment("a", data, 1).replace("name: edit", "name: other")
        + "matrix:\n  architecture: [baseline-cnn]\n");
    Cli.Result refused = Cli.run(work, "run", b.toString(), "--out", out.toString());
    assertEquals(2, refused.exitCode());
    assertEquals("error: results directory " + out + " holds results of experiment 'edit', not 'other'; choose "
        + "another directory with --out\n", refused.err().substring(refused.err().indexOf("error:")));
  }

  private static String experiment(String description, Path data, int epochs) {
    return "name: edit\ndescription: " + description + "\n"
        + "dataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: " + epochs + ", batch-size: 50}\n";
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
  }
}
