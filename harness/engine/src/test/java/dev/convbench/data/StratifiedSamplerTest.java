package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSamplerTest {

  /** 1,000 labels, 100 per class. */
  private static final byte[] BALANCED = labels(100, 100, 100, 100, 100, 100, 100, 100, 100, 100);

  @Test
  void evenSplitWhenTheSizeDividesByTen() {
    int[] chosen = StratifiedSampler.sample(BALANCED, StratifiedSampler.all(1000), 200, 1);

    assertEquals(200, chosen.length);
    assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20, 20, 20, 20}, counts(BALANCED, chosen));
  }

  @Test
  void countsDifferByAtMostOneOtherwise() {
    int[] counts = counts(BALANCED, StratifiedSampler.sample(BALANCED, StratifiedSampler.all(1000), 203, 1));

    assertEquals(203, Arrays.stream(counts).sum());
    assertEquals(20, Arrays.stream(counts).min().orElseThrow());
    assertEquals(21, Arrays.stream(counts).max().orElseThrow());
  }

  @Test
  void roughlyBalancedSourceStillGivesEvenCounts() {
    // Like the real subset directory: 83 to 120 images per class.
    byte[] labels = labels(83, 120, 95, 101, 110, 99, 88, 117, 104, 100);

    int[] counts = counts(labels, StratifiedSampler.sample(labels, StratifiedSampler.all(labels.length), 505, 3));

    assertEquals(505, Arrays.stream(counts).sum());
    assertTrue(Arrays.stream(counts).max().orElseThrow() - Arrays.stream(counts).min().orElseThrow() <= 1);
  }

  @Test
  void aShortClassGivesAllItHasAndTheOthersShareTheRest() {
    byte[] labels = labels(2, 20, 20, 20, 20, 20, 20, 20, 20, 20);

    int[] counts = counts(labels, StratifiedSampler.sample(labels, StratifiedSampler.all(labels.length), 30, 5));

    assertEquals(2, counts[0]);
    int[] others = Arrays.copyOfRange(counts, 1, 10);
    assertEquals(28, Arrays.stream(others).sum());
    assertEquals(3, Arrays.stream(others).min().orElseThrow());
    assertEquals(4, Arrays.stream(others).max().orElseThrow());
  }

  @Test
  void sameSeedSameSampleOtherSeedOtherSample() {
    int[] pool = StratifiedSampler.all(1000);

    int[] a = StratifiedSampler.sample(BALANCED, pool, 100, 42);
    int[] b = StratifiedSampler.sample(BALANCED, pool, 100, 42);
    int[] c = StratifiedSampler.sample(BALANCED, pool, 100, 43);

    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void choosesOnlyFromThePoolWithoutRepeats() {
    int[] pool = StratifiedSampler.complement(1000, StratifiedSampler.sample(BALANCED, StratifiedSampler.all(1000),
        500, 9));

    int[] chosen = StratifiedSampler.sample(BALANCED, pool, 300, 9);

    assertEquals(300, Arrays.stream(chosen).distinct().count());
    assertTrue(Arrays.stream(chosen).allMatch(i -> Arrays.binarySearch(pool, i) >= 0));
    assertTrue(isAscending(chosen));
  }

  @Test
  void wholePoolIsAllowedMoreIsNot() {
    assertEquals(1000, StratifiedSampler.sample(BALANCED, StratifiedSampler.all(1000), 1000, 0).length);
    assertThrows(IllegalArgumentException.class,
        () -> StratifiedSampler.sample(BALANCED, StratifiedSampler.all(1000), 1001, 0));
  }

  @Test
  void complementIsEverythingElse() {
    assertArrayEquals(new int[] {0, 2, 4}, StratifiedSampler.complement(5, new int[] {1, 3}));
  }

  /** Labels with the given number of images per class, classes interleaved. */
  private static byte[] labels(int... perClass) {
    byte[] labels = new byte[Arrays.stream(perClass).sum()];
    int[] left = perClass.clone();
    int at = 0;
    while (at < labels.length) {
      for (int c = 0; c < left.length; c++) {
        if (left[c] > 0) {
          labels[at++] = (byte) c;
          left[c]--;
        }
      }
    }
    return labels;
  }

  private static int[] counts(byte[] labels, int[] chosen) {
    int[] counts = new int[ImageSet.CLASSES];
    for (int i : chosen) {
      counts[labels[i]]++;
    }
    return counts;
  }

  private static boolean isAscending(int[] values) {
    for (int i = 1; i < values.length; i++) {
      if (values[i] <= values[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
