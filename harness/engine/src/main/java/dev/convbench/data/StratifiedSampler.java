package dev.convbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Picks a class-stratified sample of images, deterministically for a seed.
 *
 * <p>The rule: the {@code n} images are shared out among the ten classes as evenly as the pool allows ("water
 * filling"). A class with fewer images than its even share gives all it has; what it cannot give is shared evenly
 * among the other classes. Where {@code n} does not divide evenly, the classes that get one extra image are picked
 * at random (seeded). Consequently, when every class has at least {@code ceil(n / 10)} images in the pool, the
 * per-class counts differ by at most one; on the official, exactly balanced set this equals allocation in
 * proportion to the class sizes. Within a class, the images are a seeded uniform random choice.
 *
 * <p>The same labels, pool, {@code n} and seed always give the same indices: {@link Random} is used because its
 * algorithm is fixed by its specification, so selections stay the same across JDKs.
 */
final class StratifiedSampler {

  private StratifiedSampler() {
  }

  /**
   * A stratified sample of {@code n} indices from {@code pool}.
   *
   * @param labels label of every image, 0–9
   * @param pool indices into {@code labels} to choose from, ascending
   * @param n how many to choose, at most {@code pool.length}
   * @param seed selection seed
   * @return the chosen indices, ascending
   */
  static int[] sample(byte[] labels, int[] pool, int n, long seed) {
    if (n < 0 || n > pool.length) {
      throw new IllegalArgumentException("cannot choose " + n + " of " + pool.length + " images");
    }
    int[][] byClass = byClass(labels, pool);
    Random random = new Random(seed);
    int[] quota = quotas(byClass, n, random);
    int[] chosen = new int[n];
    int at = 0;
    for (int c = 0; c < ImageSet.CLASSES; c++) {
      int[] members = byClass[c];
      // Partial Fisher–Yates: the first quota[c] positions end up a uniform random choice.
      for (int i = 0; i < quota[c]; i++) {
        int j = i + random.nextInt(members.length - i);
        int swap = members[i];
        members[i] = members[j];
        members[j] = swap;
      }
      System.arraycopy(members, 0, chosen, at, quota[c]);
      at += quota[c];
    }
    Arrays.sort(chosen);
    return chosen;
  }

  /** The indices {@code 0 .. total-1} not in {@code chosen} (ascending), ascending. */
  static int[] complement(int total, int[] chosen) {
    boolean[] taken = new boolean[total];
    for (int i : chosen) {
      taken[i] = true;
    }
    int[] rest = new int[total - chosen.length];
    int at = 0;
    for (int i = 0; i < total; i++) {
      if (!taken[i]) {
        rest[at++] = i;
      }
    }
    return rest;
  }

  /** {@code 0 .. count-1}. */
  static int[] all(int count) {
    int[] all = new int[count];
    Arrays.setAll(all, i -> i);
    return all;
  }

  private static int[][] byClass(byte[] labels, int[] pool) {
    int[] sizes = new int[ImageSet.CLASSES];
    for (int i : pool) {
      sizes[labels[i]]++;
    }
    int[][] byClass = new int[ImageSet.CLASSES][];
    for (int c = 0; c < ImageSet.CLASSES; c++) {
      byClass[c] = new int[sizes[c]];
    }
    int[] fill = new int[ImageSet.CLASSES];
    for (int i : pool) {
      byClass[labels[i]][fill[labels[i]]++] = i;
    }
    return byClass;
  }

  /** Images per class, by the water-filling rule in the class documentation. */
  private static int[] quotas(int[][] byClass, int n, Random random) {
    Integer[] bySize = new Integer[ImageSet.CLASSES];
    Arrays.setAll(bySize, c -> c);
    Arrays.sort(bySize, (a, b) -> Integer.compare(byClass[a].length, byClass[b].length));
    int[] quota = new int[ImageSet.CLASSES];
    int remaining = n;
    int classesLeft = ImageSet.CLASSES;
    int k = 0;
    // Smallest classes first: one that cannot fill its even share gives everything it has. Each such class
    // leaves the share of the others the same or larger, so one ascending pass suffices.
    for (; k < ImageSet.CLASSES; k++) {
      int c = bySize[k];
      if (byClass[c].length > remaining / classesLeft) {
        break;
      }
      quota[c] = byClass[c].length;
      remaining -= quota[c];
      classesLeft--;
    }
    if (classesLeft == 0) {
      return quota;
    }
    // Every class left holds more than the even share, so each can take one extra image.
    List<Integer> rest = new ArrayList<>(Arrays.asList(bySize).subList(k, ImageSet.CLASSES));
    Collections.sort(rest);  // a fixed order before the seeded shuffle, independent of the sort above
    Collections.shuffle(rest, random);
    int share = remaining / classesLeft;
    int extras = remaining % classesLeft;
    for (int i = 0; i < rest.size(); i++) {
      quota[rest.get(i)] = share + (i < extras ? 1 : 0);
    }
    return quota;
  }
}
