package dev.convbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.RunSpec;
import dev.convbench.training.TrainingConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ShardAssignmentTest {

  /** A run whose cost is {@code macs} (one image, one epoch). */
  static RunCost run(String id, long macs) {
    RunSpec spec = new RunSpec(id, "net", Map.of(), TrainingConfig.defaults(), DatasetOptions.defaults(),
        dev.convbench.training.RunSeeds.uniform(1), Map.of(), id);
    return new RunCost(spec, macs, 1, 1);
  }

  static List<List<String>> shards(ShardAssignment a) {
    List<List<String>> ids = new ArrayList<>();
    for (int s = 0; s < a.shardCount(); s++) {
      ids.add(a.runs(s).stream().map(RunCost::runId).toList());
    }
    return ids;
  }

  @Test
  void oneHugeRunGetsAShardOfItsOwnAndTheSmallOnesShareTheRest() {
    List<RunCost> runs = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      runs.add(run("small-" + i, 10));
    }
    runs.add(4, run("huge", 1000));

    ShardAssignment a = ShardAssignment.assign(runs, 4);

    assertEquals(List.of("huge"), a.runs(0).stream().map(RunCost::runId).toList());
    assertEquals(List.of(1000.0, 30.0, 30.0, 30.0), List.of(a.cost(0), a.cost(1), a.cost(2), a.cost(3)));
  }

  @Test
  void balancesByCostNotByCount() {
    // Dealt out in turn, shard 0 would get 70 + 50 + 30 + 10 = 160 and shard 1 only 120.
    List<RunCost> runs = List.of(run("a", 70), run("b", 60), run("c", 50), run("d", 40), run("e", 30), run("f", 20),
        run("g", 10));

    ShardAssignment a = ShardAssignment.assign(runs, 2);

    // 70→0, 60→1, 50→1 (60 < 70), 40→0 (70 < 110), 30→0 (110 = 110: lowest index), 20→1, 10→1 (130 < 140).
    assertEquals(List.of(List.of("a", "d", "e"), List.of("b", "c", "f", "g")), shards(a));
    assertEquals(140.0, a.cost(0));
    assertEquals(140.0, a.cost(1));
  }

  @Test
  void theSameRunsInAnyOrderGiveTheSameShards() {
    List<RunCost> runs = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      runs.add(run(String.format("run-%02d", i), 1 + random.nextInt(5) * 100)); // many equal costs: ties matter
    }
    Map<String, Integer> expected = new TreeMap<>(ShardAssignment.assign(runs, 5).shardByRunId());

    for (long seed = 0; seed < 20; seed++) {
      List<RunCost> shuffled = new ArrayList<>(runs);
      Collections.shuffle(shuffled, new Random(seed));
      assertEquals(expected, new TreeMap<>(ShardAssignment.assign(shuffled, 5).shardByRunId()), "shuffle " + seed);
    }
  }

  @Test
  void everyRunIsInExactlyOneShardAndTotalsAddUp() {
    List<RunCost> runs = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      runs.add(run("r" + i, (i * 37L) % 11 + 1));
    }

    ShardAssignment a = ShardAssignment.assign(runs, 4);

    List<String> seen = new ArrayList<>();
    for (int s = 0; s < a.shardCount(); s++) {
      double sum = 0;
      for (RunCost r : a.runs(s)) {
        seen.add(r.runId());
        sum += r.macs();
        assertEquals(s, a.shardOf(r.runId()));
      }
      assertEquals(sum, a.cost(s));
    }
    Collections.sort(seen);
    List<String> all = new ArrayList<>(runs.stream().map(RunCost::runId).toList());
    Collections.sort(all);
    assertEquals(all, seen);
  }

  @Test
  void runsOfAShardKeepTheOrderTheyWereGiven() {
    List<RunCost> runs = List.of(run("z", 1), run("y", 5), run("x", 3));

    assertEquals(List.of("z", "y", "x"), ShardAssignment.assign(runs, 1).runs(0).stream().map(RunCost::runId)
        .toList());
  }

  @Test
  void moreShardsThanRunsLeavesSomeEmpty() {
    ShardAssignment a = ShardAssignment.assign(List.of(run("a", 5), run("b", 9)), 4);

    assertEquals(List.of(List.of("b"), List.of("a"), List.of(), List.of()), shards(a));
    assertEquals(0.0, a.cost(3));
    assertEquals(List.of(), ShardAssignment.assign(List.of(), 3).runs(2));
  }

  @Test
  void invalidRequestsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ShardAssignment.assign(List.of(run("a", 1)), 0));
    assertThrows(IllegalArgumentException.class,
        () -> ShardAssignment.assign(List.of(run("a", 1), run("a", 2)), 2));
    ShardAssignment a = ShardAssignment.assign(List.of(run("a", 1)), 2);
    assertThrows(IllegalArgumentException.class, () -> a.shardOf("b"));
    assertThrows(IndexOutOfBoundsException.class, () -> a.runs(2));
  }

  @Test
  void aShardIsWrittenAsIndexSlashCount() {
    assertEquals("2/4", new Shard(2, 4).toString());
    assertThrows(IllegalArgumentException.class, () -> new Shard(4, 4));
    assertThrows(IllegalArgumentException.class, () -> new Shard(-1, 4));
    assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
  }
}
