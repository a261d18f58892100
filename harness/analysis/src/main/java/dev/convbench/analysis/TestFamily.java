package dev.convbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests of one page or one comparison command, adjusted together by {@link Holm}'s method so that the chance of
 * calling any false difference among them stays at {@link Welch#ALPHA}.
 *
 * <p>Each test has a key naming its hypothesis (what is compared, between which two samples): a test made twice
 * under the same key (a sentence and a table column quoting the same pair) counts once. A comparison whose Welch
 * test cannot run (one value on a side, or no spread on either) is not a member. The family is adjusted when a
 * member's adjusted p-value is first read; adding a test after that is refused, because it would change every
 * adjusted value already quoted.
 */
public final class TestFamily {

  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private final List<Double> pValues = new ArrayList<>();
  private double[] adjusted;

  /**
   * Compares {@code a} with {@code b} ({@link Comparison}) as a member of this family.
   *
   * @param key the hypothesis; the same key for the same two samples, in either order
   * @throws IllegalStateException when the family has already been adjusted
   * @throws IllegalArgumentException when {@code key} was used for a test with another p-value (other samples)
   */
  public Comparison compare(String key, double[] a, double[] b) {
    if (adjusted != null) {
      throw new IllegalStateException("the family of tests was already adjusted; test " + key + " comes too late");
    }
    Comparison c = new Comparison(a, b, this, key);
    if (c.tested()) {
      Integer slot = slots.get(key);
      if (slot == null) {
        slots.put(key, pValues.size());
        pValues.add(c.p());
      } else if (Math.abs(pValues.get(slot) - c.p()) > 1e-12) {
        throw new IllegalArgumentException("test " + key + " made twice with different p-values: "
            + pValues.get(slot) + ", " + c.p());
      }
    }
    return c;
  }

  /** The number of distinct tests in the family (the {@code m} of Holm's method). */
  public int size() {
    return pValues.size();
  }

  /** The Holm-adjusted p-value of the test under {@code key}; {@code NaN} when no test ran under it. */
  double adjustedP(String key) {
    if (adjusted == null) {
      adjusted = Holm.adjust(pValues.stream().mapToDouble(Double::doubleValue).toArray());
    }
    Integer slot = slots.get(key);
    return slot == null ? Double.NaN : adjusted[slot];
  }
}
