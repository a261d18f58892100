package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static shards: each trains its share, into one shared directory or separate ones that the report merges. */
class ShardsTest {

  private static final List<String> RUNS = List.of("baseline-cnn__s1", "lenet5__s1", "baseline-cnn__s2",
      "lenet5__s2");

  @TempDir
  Path work;

  private Path file;

  @BeforeEach
  void experiment() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 30, 3);
    file = work.resolve("sharded.yaml");
    Files.writeString(file, "name: sharded\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 1, batch-size: 50}\nmatrix:\n  architecture: [baseline-cnn, lenet5]\nseeds: [1, 2]\n");
  }

  @Test
  void shardsInSeparateDirectoriesSplitTheMatrixAndTheReportMergesThem() throws Exception {
    Cli.Result first = Cli.run(work, "run", file.toString(), "--shard", "0/2", "--out", "shard-0", "--no-report");
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(first.err().contains("sharded: shard 0/2, 2 of 4 runs"), first.err());
    // As a pod of a Kubernetes Indexed Job runs it.
    Cli.Result second = Cli.run(work, Map.of("JOB_COMPLETION_INDEX", "1"), "run", file.toString(), "--shard", "auto",
        "--shards", "2", "--out", "shard-1", "--no-report");
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.err().contains("sharded: shard 1/2, 2 of 4 runs"), second.err());

    List<String> inFirst = runs(work.resolve("shard-0"));
    List<String> inSecond = runs(work.resolve("shard-1"));
    assertEquals(2, inFirst.size());
    List<String> all = new ArrayList<>(inFirst);
    all.addAll(inSecond);
    assertEquals(RUNS.stream().sorted().toList(), all.stream().sorted().toList(), "every run in exactly one shard");

    Cli.Result alone = Cli.run(work, "report", "shard-0", "--out", "report-0");
    assertEquals(0, alone.exitCode(), alone.err());
    String missing = "2 of 4 runs missing: " + String.join(", ", RUNS.stream().filter(inSecond::contains).toList());
    assertTrue(Files.readString(work.resolve("report-0/index.html")).contains(missing), "the report names them");

    Cli.Result merged = Cli.run(work, "report", "shard-0", "shard-1", "--out", "merged");
    assertEquals(0, merged.exitCode(), "shards of one file merge without --allow-mixed: " + merged.err());
    String html = Files.readString(work.resolve("merged/index.html"));
    assertFalse(html.contains("runs missing"), "nothing missing once both shards are there");
    RUNS.forEach(id -> assertTrue(html.contains(id), id));
  }

  @Test
  void shardsOnOneSharedDirectoryCompleteTheMatrixOnce() throws Exception {
    for (String shard : List.of("1/2", "0/2")) {
      Cli.Result r = Cli.run(work, "run", file.toString(), "--shard", shard, "--out", "shared", "--no-report");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.err().contains("2 completed, 0 diverged, 0 failed, 0 kept from before"), r.err());
      if (shard.equals("1/2")) {
        Cli.Result plan = Cli.run(work, "plan", file.toString(), "--shards", "2", "--out", "shared", "--json");
        assertEquals(0, plan.exitCode(), plan.err());
        JsonNode runs = new ObjectMapper().readTree(plan.out()).path("runs");
        for (JsonNode run : runs) {
          assertEquals(run.path("shard").asInt() == 1 ? "done" : "left", run.path("status").asText(), run.toString());
        }
      }
    }
    ExactlyOnce.check(work.resolve("shared"), RUNS, 1);
  }

  @Test
  void aShardThatCannotBeWorkedOutIsRefusedBeforeAnythingIsWritten() throws Exception {
    record Case(Map<String, String> env, List<String> args, String message) {}
    List<Case> cases = List.of(
        new Case(Map.of(), List.of("--shard", "2/2"), "error: shard index 2 is out of range for 2 shards: use 0..1"),
        new Case(Map.of(), List.of("--shard", "0/0"),
            "error: --shard 0/0: the number of shards must be from 1 to 2147483647"),
        new Case(Map.of(), List.of("--shard", "auto"), "error: --shard auto: no shard in the environment; expected "
            + "a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, SLURM_ARRAY_TASK_MIN) or a Kubernetes"
            + " Indexed Job (JOB_COMPLETION_INDEX, with --shards N); elsewhere use --shard K/N"),
        new Case(Map.of(), List.of("--shard", "auto", "--shards", "3"), "error: --shard auto --shards 3: neither "
            + "JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set"));
    for (Case c : cases) {
      List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", "never"));
      args.addAll(c.args());
      Cli.Result r = Cli.run(work, c.env(), args.toArray(String[]::new));
      assertEquals(2, r.exitCode(), c.args() + ": " + r.err());
      assertEquals(c.message() + "\n", r.err(), c.args().toString());
      assertFalse(Files.exists(work.resolve("never")), "nothing written for " + c.args());
    }
  }

  private static List<String> runs(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> Files.exists(p.resolve("run.json"))).map(p -> p.getFileName().toString())
          .sorted().toList();
    }
  }
}
