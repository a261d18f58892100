package dev.convbench.run;

/**
 * One share of an experiment's runs: shard {@code index} of {@code count}, the index counted from 0 (as Slurm array
 * task ids and Kubernetes Indexed Job completion indices usually are).
 */
public record Shard(int index, int count) {

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("no shard " + index + " of " + count);
    }
  }

  /** {@code index/count}, e.g. {@code 2/4}: how {@code --shard} is written. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
