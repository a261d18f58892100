package dev.convbench.training;

import dev.convbench.graph.RandomStreams;
import java.util.Locale;

/**
 * The seeds of a run's three random streams: weight initialisation, data order, augmentation (random crops and
 * flips, and dropout masks). An experiment's {@code seeds: [1, 2]} gives each run one seed for all three; its mapping
 * form varies them apart.
 *
 * @param init seed of the initial weights
 * @param dataOrder seed of each epoch's order of the training images
 * @param augmentation seed of the per-step training noise
 */
public record RunSeeds(long init, long dataOrder, long augmentation) {

  /** All three streams from {@code seed}. */
  public static RunSeeds uniform(long seed) {
    return new RunSeeds(seed, seed, seed);
  }

  /** Whether one seed drives all three streams. */
  public boolean isUniform() {
    return init == dataOrder && dataOrder == augmentation;
  }

  /** The streams the graph draws from. */
  public RandomStreams streams() {
    return RandomStreams.of(init, dataOrder, augmentation);
  }

  /** For people: {@code seed 2}, or {@code init 2, data-order 1, augmentation 1} (the experiment file's words). */
  public String describe() {
    return isUniform() ? "seed " + init
        : String.format(Locale.ROOT, "init %d, data-order %d, augmentation %d", init, dataOrder, augmentation);
  }
}
