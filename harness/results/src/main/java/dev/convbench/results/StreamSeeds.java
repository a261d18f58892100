package dev.convbench.results;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The seeds of a run's three random streams, as the experiment file gave them (before the engine mixes them into
 * the streams' keys). A run written with one seed has that seed in all three.
 *
 * @param init seed of the initial weights
 * @param dataOrder seed of the order in which the training images are visited
 * @param augmentation seed of the per-step training noise: random crops and flips, and dropout masks
 */
public record StreamSeeds(long init, long dataOrder, long augmentation) {

  /** All three streams from one seed: what a run of {@code seeds: [seed]} has. */
  public static StreamSeeds uniform(long seed) {
    return new StreamSeeds(seed, seed, seed);
  }

  /** Whether one seed drives all three streams. */
  @JsonIgnore
  public boolean isUniform() {
    return init == dataOrder && dataOrder == augmentation;
  }

  /** How reports name the seeds: {@code 3} for one seed, {@code i2-d1-a3} when the streams differ (as in run ids). */
  public String label() {
    return isUniform() ? Long.toString(init) : "i" + init + "-d" + dataOrder + "-a" + augmentation;
  }
}
