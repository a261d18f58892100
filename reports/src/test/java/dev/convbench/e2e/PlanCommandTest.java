package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convbench plan}: costs and shards from the experiment file alone (no data set exists here). */
class PlanCommandTest {

  @TempDir
  static Path work;

  static Path file;

  @BeforeAll
  static void writeExperiment() throws IOException {
    file = work.resolve("planned.yaml");
    Files.writeString(file, """
        name: planned
        dataset: {train-subset: 2000, data-dir: no-data-here}
        defaults: {epochs: 2, batch-size: 50}
        matrix:
          architecture: [baseline-cnn, densenet, crashing-fixture]
        seeds: [1, 2]
        """);
  }

  static JsonNode json(Cli.Result result) throws IOException {
    assertEquals(0, result.exitCode(), result.err());
    return new ObjectMapper().readTree(result.out());
  }

  static JsonNode run(JsonNode plan, String id) {
    for (JsonNode r : plan.path("runs")) {
      if (r.path("id").asText().equals(id)) {
        return r;
      }
    }
    throw new AssertionError("no run " + id + " in " + plan);
  }

  @Test
  void seedsPerStreamAreListedWithEachRun() throws IOException {
    Path streams = work.resolve("streams.yaml");
    Files.writeString(streams, """
        name: streams
        dataset: {train-subset: 2000, data-dir: no-data-here}
        defaults: {epochs: 1, batch-size: 50}
        architecture: baseline-cnn
        seeds: {init: [1, 2], augmentation: [3]}
        """);
    JsonNode plan = json(Cli.run(work, "plan", streams.toString(), "--json"));
    JsonNode run = run(plan, "baseline-cnn__i2-d1-a3");
    assertEquals(2, run.path("seed").asLong(), "the initialisation seed");
    assertEquals(List.of(2L, 1L, 3L), List.of(run.at("/streamSeeds/init").asLong(),
        run.at("/streamSeeds/dataOrder").asLong(), run.at("/streamSeeds/augmentation").asLong()));
    assertEquals(2, plan.path("runs").size());

    Cli.Result validated = Cli.run(work, "validate", streams.toString());
    assertEquals(0, validated.exitCode(), validated.err());
    assertTrue(validated.out().contains("baseline-cnn__i1-d1-a3") && validated.out().contains(
        "init 1, data-order 1, augmentation 3"), validated.out());
  }

  @Test
  void twoShardsShareTheRunsAndAddUp() throws IOException {
    JsonNode plan = json(Cli.run(work, "plan", file.toString(), "--shards", "2", "--json"));

    assertEquals("planned", plan.path("experiment").asText());
    assertEquals(2, plan.path("shardCount").asInt());
    assertEquals(6, plan.path("runs").size());
    JsonNode baseline = run(plan, "baseline-cnn__s2");
    assertEquals(651_720, baseline.path("macsPerImage").asLong(), "baseline-cnn's MACs, as 'list' shows them");
    assertEquals(2000, baseline.path("trainImages").asLong());
    assertEquals(2, baseline.path("epochs").asInt());
    assertEquals(2, baseline.path("seed").asLong());
    assertEquals("baseline-cnn", baseline.path("architecture").asText());

    Map<Integer, Double> costByShard = new HashMap<>();
    Map<Integer, Integer> runsByShard = new HashMap<>();
    for (JsonNode r : plan.path("runs")) {
      int shard = r.path("shard").asInt(-1);
      assertTrue(shard == 0 || shard == 1, r.toString());
      costByShard.merge(shard, r.path("cost").asDouble(), Double::sum);
      runsByShard.merge(shard, 1, Integer::sum);
    }
    assertEquals(2, plan.path("shards").size());
    for (JsonNode s : plan.path("shards")) {
      int index = s.path("index").asInt();
      assertEquals(runsByShard.get(index), s.path("runCount").asInt(), s.toString());
      assertEquals(costByShard.get(index), s.path("cost").asDouble(), 1e-9 * costByShard.get(index), s.toString());
    }
    // The two densenet runs dominate: a cost-balanced split puts them in different shards.
    assertTrue(run(plan, "densenet__s1").path("shard").asInt() != run(plan, "densenet__s2").path("shard").asInt(),
        plan.toString());
  }

  @Test
  void aNetworkThatFailsToBuildIsPlannedWithAStandInCostAndAWarning() throws IOException {
    Cli.Result result = Cli.run(work, "plan", file.toString(), "--json");
    JsonNode plan = json(result);

    JsonNode crashing = run(plan, "crashing-fixture__s1");
    assertTrue(crashing.path("buildError").asText().contains("this plugin always crashes"), crashing.toString());
    long densenet = run(plan, "densenet__s1").path("macsPerImage").asLong();
    assertEquals((651_720 + densenet) / 2, crashing.path("macsPerImage").asLong(), "the mean of the others");
    assertTrue(run(plan, "densenet__s1").path("buildError").isNull());
    assertTrue(result.err().contains("warning: crashing-fixture {} fails to build"), result.err());
    assertTrue(result.err().contains("; its 2 runs are costed at "), "counted in words: " + result.err());
    assertEquals(1, result.err().lines().count(), "one warning for the network, not one per run: " + result.err());
  }

  @Test
  void theSameFileGivesTheSamePlan() {
    Cli.Result first = Cli.run(work, "plan", file.toString(), "--shards", "3", "--json");
    Cli.Result second = Cli.run(work, "plan", file.toString(), "--shards", "3", "--json");

    assertEquals(0, first.exitCode(), first.err());
    assertEquals(first.out(), second.out());
  }

  @Test
  void twiceTheThroughputHalvesTheEstimatedTime() throws IOException {
    JsonNode usual = json(Cli.run(work, "plan", file.toString(), "--json", "--throughput", "100"));
    JsonNode faster = json(Cli.run(work, "plan", file.toString(), "--json", "--throughput", "200"));

    double usualSeconds = usual.path("shards").get(0).path("estimatedSeconds").asDouble();
    assertEquals(usualSeconds / 2, faster.path("shards").get(0).path("estimatedSeconds").asDouble(),
        usualSeconds * 1e-12);
    assertEquals(usual.path("runs"), faster.path("runs"), "throughput changes times, not costs or shards");
  }

  @Test
  void theTextShowsEachRunsShardAndEachShardsTotal() throws IOException {
    Cli.Result text = Cli.run(work, "plan", file.toString(), "--shards", "2");
    JsonNode plan = json(Cli.run(work, "plan", file.toString(), "--shards", "2", "--json"));

    assertEquals(0, text.exitCode(), text.err());
    List<String> lines = text.out().lines().toList();
    assertEquals(file + ": experiment 'planned', 6 runs, 2 shards", lines.get(0));
    for (JsonNode r : plan.path("runs")) {
      String row = lines.stream().filter(l -> l.startsWith(r.path("id").asText() + " ")).findFirst()
          .orElseThrow(() -> new AssertionError("no row for " + r + " in\n" + text.out()));
      assertEquals(r.path("shard").asText(), row.split("\\s+")[1], row);
      assertTrue(row.contains("2,000 × 2"), row);
    }
    for (JsonNode s : plan.path("shards")) {
      String gmac = String.format(Locale.ROOT, "%,.1f", s.path("cost").asDouble() / 1e9);
      assertTrue(lines.stream().anyMatch(l -> l.matches(s.path("index").asInt() + " +" + s.path("runCount").asInt()
          + " +" + Pattern.quote(gmac) + " .*")), "total of shard " + s + " in\n" + text.out());
    }
    assertTrue(lines.stream().anyMatch(l -> l.matches("all +6 .*")), text.out());
    assertTrue(text.out().contains("* the network fails to build"), text.out());
  }

  @Test
  void badShardCountsAreUsageErrors() {
    Cli.Result zero = Cli.run(work, "plan", file.toString(), "--shards", "0");
    assertEquals(2, zero.exitCode(), zero.err());
    assertEquals("error: --shards must be at least 1, not 0", zero.err().strip());
    assertEquals("", zero.out());

    assertEquals(2, Cli.run(work, "plan", file.toString(), "--shards", "two").exitCode());
    Cli.Result throughput = Cli.run(work, "plan", file.toString(), "--throughput", "0");
    assertEquals(2, throughput.exitCode(), throughput.err());
    assertEquals("error: --throughput must be a positive number of GMAC/s, not 0.0", throughput.err().strip());
  }
}
