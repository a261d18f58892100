package dev.convbench.experiment;

import dev.convbench.experiment.YamlTree.Entry;
import dev.convbench.training.RunSeeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code seeds}: which seeds each run's three random streams (weight initialisation, data order,
 * augmentation) take.
 *
 * <ul>
 *   <li>{@code seeds: [1, 2, 3]} or a count {@code seeds: 3}: one seed per run, driving all three streams.
 *   <li>{@code seeds: {init: [1, 2, 3], data-order: [1], augmentation: [1]}}: the cross product of the streams' lists
 *       (init outermost); a stream left out is held at seed 1, as {@code seeds} itself defaults to [1].
 *   <li>a list of such mappings: the union of their cross products, a combination named twice run once; so
 *       {@code [{init: 3}, {data-order: 3}, {augmentation: 3}]} varies each stream alone around the run with seed 1.
 *       A mapping {@code {all: [1, 2, 3]}} lists runs of one seed each among them (plain integers are not mixed
 *       with mappings, so that a list reads as one form or the other).
 * </ul>
 * A combination whose three seeds are equal is the run of that one seed, with its run id and identity.
 */
final class SeedsReader {

  static final String INIT = "init";
  static final String DATA_ORDER = "data-order";
  static final String AUGMENTATION = "augmentation";
  /** Not a stream: one seed for all three, so that seeds per stream can also list runs of one seed. */
  static final String ALL = "all";
  static final List<String> KEYS = List.of(INIT, DATA_ORDER, AUGMENTATION, ALL);

  /** A single integer n in place of a list: seeds 1..n. */
  static final ValueReader COUNT = ValueReaders.integer(1, ExperimentReader.MAX_SEED_COUNT,
      "a list of integers such as [1, 2, 3], or a count from 1 to " + ExperimentReader.MAX_SEED_COUNT);
  /** One seed of a list. */
  static final ValueReader SEED = ValueReaders.integer(0, Long.MAX_VALUE, "a non-negative integer");

  private static final List<RunSeeds> DEFAULT = List.of(RunSeeds.uniform(1));

  private final SectionReader sections;
  private final Problems problems;

  SeedsReader(SectionReader sections, Problems problems) {
    this.sections = sections;
    this.problems = problems;
  }

  /** The seed combinations in run order; {@code [seed 1]} when absent or invalid (the problem is recorded). */
  List<RunSeeds> read(Entry entry) {
    if (entry == null) {
      return DEFAULT;
    }
    Node node = entry.value();
    if (node instanceof MappingNode mapping) {
      List<RunSeeds> block = block(mapping);
      return block.isEmpty() ? DEFAULT : block;
    }
    if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()
        && sequence.getValue().stream().anyMatch(e -> e instanceof MappingNode)) {
      return blocks(sequence);
    }
    List<Long> seeds = seedList(node, "seeds", "seed");
    return seeds.isEmpty() ? DEFAULT : seeds.stream().map(RunSeeds::uniform).toList();
  }

  /** A list of stream mappings: the union of their combinations, in order of first appearance. */
  private List<RunSeeds> blocks(SequenceNode sequence) {
    Set<RunSeeds> union = new LinkedHashSet<>();
    for (Node element : sequence.getValue()) {
      if (element instanceof MappingNode mapping) {
        union.addAll(block(mapping));
      } else {
        String s = element instanceof ScalarNode scalar ? scalar.getValue() : "s";
        problems.at(element, "seeds mixes plain seeds with seeds per stream; write this one as {all: [" + s
            + "]} (one seed for all three streams)");
      }
    }
    return union.isEmpty() ? DEFAULT : List.copyOf(union);
  }

  /** One mapping of stream to seeds: the cross product, init outermost; an absent stream is held at seed 1. */
  private List<RunSeeds> block(MappingNode mapping) {
    Map<String, List<Long>> perStream = new LinkedHashMap<>();
    boolean valid = true;
    Node allKey = null;
    for (Entry e : YamlTree.entries(mapping, problems)) {
      if (e.key().equals(ALL)) {
        allKey = e.keyNode();
      }
      if (!KEYS.contains(e.key())) {
        problems.at(e.keyNode(), "unknown seed stream '" + e.key() + "'"
            + Suggestions.didYouMeanOrList(e.key(), KEYS, "valid keys"));
        valid = false;
        continue;
      }
      List<Long> seeds = seedList(e.value(), "seeds." + e.key(), e.key() + " seed");
      valid &= !seeds.isEmpty();
      perStream.put(e.key(), seeds);
    }
    if (perStream.isEmpty() && valid) {
      problems.at(mapping, "seeds per stream needs at least one of " + String.join(", ", KEYS)
          + ", e.g. {init: [1, 2, 3]}");
      return List.of();
    }
    if (!valid) {
      return List.of();
    }
    if (perStream.containsKey(ALL)) {
      if (perStream.size() > 1) {
        problems.at(allKey, "seeds.all gives each run one seed for all three streams, so it cannot be crossed "
            + "with " + String.join(", ", perStream.keySet().stream().filter(k -> !k.equals(ALL)).toList())
            + "; put it in a mapping of its own, e.g. [{all: [1, 2]}, {init: [3]}]");
        return List.of();
      }
      return perStream.get(ALL).stream().map(RunSeeds::uniform).toList();
    }
    List<Long> init = perStream.getOrDefault(INIT, List.of(1L));
    List<Long> order = perStream.getOrDefault(DATA_ORDER, List.of(1L));
    List<Long> augmentation = perStream.getOrDefault(AUGMENTATION, List.of(1L));
    long combinations = (long) init.size() * order.size() * augmentation.size();
    if (combinations > ExperimentReader.MAX_RUNS) {
      problems.at(mapping, init.size() + " × " + order.size() + " × " + augmentation.size() + " seed combinations "
          + "is more than " + ExperimentReader.MAX_RUNS + " runs; vary fewer streams at once, e.g. "
          + "[{init: 5}, {data-order: 5}]");
      return List.of();
    }
    List<RunSeeds> product = new ArrayList<>();
    for (long i : init) {
      for (long d : order) {
        for (long a : augmentation) {
          product.add(new RunSeeds(i, d, a));
        }
      }
    }
    return product;
  }

  /**
   * A non-empty list of distinct non-negative integers, or a count n meaning 1..n; empty (with the problem recorded)
   * when invalid.
   *
   * @param key the key as the message names it ({@code seeds}, {@code seeds.init})
   * @param element what one element is called ({@code seed}, {@code init seed})
   */
  private List<Long> seedList(Node node, String key, String element) {
    if (node instanceof ScalarNode && !YamlTree.isNull(node)) {
      return sections.read(COUNT, node, key)
          .map(n -> {
            List<Long> seeds = new ArrayList<>();
            for (long s = 1; s <= ((Number) n.value()).longValue(); s++) {
              seeds.add(s);
            }
            return seeds;
          })
          .orElse(List.of());
    }
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      problems.at(node, key + " must be a non-empty list of integers such as [1, 2, 3], or a count, got "
          + (node instanceof SequenceNode ? "an empty list" : YamlTree.describe(node))
          + (key.equals("seeds") ? "; or give seeds per stream such as {init: [1, 2, 3]}" : ""));
      return List.of();
    }
    Set<Long> seeds = new LinkedHashSet<>();
    boolean valid = true;
    for (Node e : sequence.getValue()) {
      var read = sections.read(SEED, e, "each " + element);
      if (read.isEmpty()) {
        valid = false;
      } else if (!seeds.add(((Number) read.get().value()).longValue())) {
        problems.at(e, "duplicate " + element + " " + read.get().value() + "; each " + element + " runs once, "
            + "remove the repeat");
        valid = false;
      }
    }
    return valid ? List.copyOf(seeds) : List.of();
  }
}
