package dev.convbench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits runs into shards of about equal cost, the same way on every machine: each worker of a job array computes
 * the assignment itself, so it must depend on nothing but the runs' ids and costs.
 *
 * <p>Longest processing time first: runs sorted by {@link RunCost#macs()} descending (equal costs by run id), each
 * given to the shard with the smallest total so far (equal totals: the lowest index). Its largest shard is within
 * 4/3 of the best possible split; in particular a run costing more than all the others together gets a shard of its
 * own when there are two shards or more. A shard may be left empty when there are more shards than runs.
 */
public final class ShardAssignment {

  private static final Comparator<RunCost> COSTLIEST_FIRST = Comparator.comparingDouble(RunCost::macs).reversed()
      .thenComparing(RunCost::runId);

  private final Map<String, Integer> shardByRunId;
  private final List<List<RunCost>> runsByShard;
  private final double[] costs;

  private ShardAssignment(Map<String, Integer> shardByRunId, List<List<RunCost>> runsByShard, double[] costs) {
    this.shardByRunId = Collections.unmodifiableMap(shardByRunId);
    this.runsByShard = runsByShard;
    this.costs = costs;
  }

  /**
   * Assigns every run to one of {@code shards} shards.
   *
   * @throws IllegalArgumentException when {@code shards < 1}, two runs share an id, or a cost is not finite
   */
  public static ShardAssignment assign(List<RunCost> runs, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1: " + shards);
    }
    Set<String> ids = new HashSet<>();
    for (RunCost run : runs) {
      if (!ids.add(run.runId())) {
        throw new IllegalArgumentException("two runs have the id " + run.runId());
      }
      if (!Double.isFinite(run.macs())) {
        throw new IllegalArgumentException("cost of " + run.runId() + " is not finite: " + run.macs());
      }
    }
    List<RunCost> order = new ArrayList<>(runs);
    order.sort(COSTLIEST_FIRST);
    double[] totals = new double[shards];
    Map<String, Integer> chosen = new HashMap<>();
    for (RunCost run : order) {
      int cheapest = 0;
      for (int s = 1; s < shards; s++) {
        if (totals[s] < totals[cheapest]) {
          cheapest = s;
        }
      }
      totals[cheapest] += run.macs();
      chosen.put(run.runId(), cheapest);
    }
    // Callers run a shard's runs in the order they were given (the file's), not in cost order.
    Map<String, Integer> shardByRunId = new LinkedHashMap<>();
    List<List<RunCost>> runsByShard = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      runsByShard.add(new ArrayList<>());
    }
    for (RunCost run : runs) {
      int shard = chosen.get(run.runId());
      shardByRunId.put(run.runId(), shard);
      runsByShard.get(shard).add(run);
    }
    return new ShardAssignment(shardByRunId, runsByShard.stream().map(List::copyOf).toList(), totals);
  }

  /** How many shards the runs were split into. */
  public int shardCount() {
    return costs.length;
  }

  /**
   * The shard (0-based) that {@code runId} belongs to.
   *
   * @throws IllegalArgumentException when the run was not assigned
   */
  public int shardOf(String runId) {
    Integer shard = shardByRunId.get(runId);
    if (shard == null) {
      throw new IllegalArgumentException("run " + runId + " is not in this assignment");
    }
    return shard;
  }

  /** Every run id with its shard, in the order the runs were given. */
  public Map<String, Integer> shardByRunId() {
    return shardByRunId;
  }

  /** The runs of one shard, in the order they were given; empty for a shard that got none. */
  public List<RunCost> runs(int shard) {
    return runsByShard.get(checkIndex(shard));
  }

  /** The sum of {@link RunCost#macs()} of one shard's runs. */
  public double cost(int shard) {
    return costs[checkIndex(shard)];
  }

  private int checkIndex(int shard) {
    if (shard < 0 || shard >= costs.length) {
      throw new IndexOutOfBoundsException("no shard " + shard + " of " + costs.length);
    }
    return shard;
  }
}
