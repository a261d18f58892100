package dev.convbench.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of a family of p-values (S. Holm, "A simple sequentially rejective multiple test
 * procedure", Scandinavian Journal of Statistics 6, 1979), which keeps the probability of calling any false
 * difference among the family's tests at α (the family-wise error rate) whatever the tests' dependence, and calls
 * at least as much as Bonferroni's {@code m · p}.
 *
 * <p>With the {@code m} p-values sorted, {@code p₍₁₎ ≤ … ≤ p₍ₘ₎}, the adjusted value of the i-th is
 * {@code min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎)}; a test is called at level α when its adjusted value is below α.
 * Tied p-values get the same adjusted value (the running maximum carries the larger factor of the first of them).
 * {@code NaN} stands for a test that could not run: it is not counted in {@code m} and its adjusted value is
 * {@code NaN}. Checked against statsmodels' {@code multipletests(method='holm')} in {@code HolmTest}.
 */
public final class Holm {

  private Holm() {}

  /**
   * The Holm-adjusted p-values, in the order given.
   *
   * @param p p-values in [0, 1], {@code NaN} for a test that did not run
   * @throws IllegalArgumentException for a value outside [0, 1] that is not {@code NaN}
   */
  public static double[] adjust(double[] p) {
    for (double v : p) {
      if (!Double.isNaN(v) && !(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("a p-value must be in [0, 1]: " + v);
      }
    }
    double[] adjusted = new double[p.length];
    Arrays.fill(adjusted, Double.NaN);
    int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
        .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
    int m = order.length;
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      running = Math.max(running, Math.min(1, (m - rank) * p[order[rank]]));
      adjusted[order[rank]] = running;
    }
    return adjusted;
  }

  /** The number of tests {@link #adjust} counts: the values that are not {@code NaN}. */
  public static int familySize(double[] p) {
    return (int) Arrays.stream(p).filter(v -> !Double.isNaN(v)).count();
  }
}
