package dev.convbench.analysis;

import java.util.OptionalInt;

/**
 * The power of the two-sided two-sample t test (equal variances, the test a sample-size calculation assumes), and
 * the number of seeds per cell a difference needs. Tested against statsmodels' {@code TTestIndPower} in
 * {@code PowerTest}.
 *
 * <p>Under a true standardized difference {@code d} (Cohen's d: difference of means over the pooled standard
 * deviation), the statistic with {@code n₁} and {@code n₂} values follows the noncentral t distribution with
 * {@code ν = n₁ + n₂ − 2} degrees of freedom and noncentrality {@code δ = d √(n₁n₂ / (n₁ + n₂))}; the power is
 * {@code P(|T′| > t(1 − α/2, ν))}. Writing {@code T′ = (Z + δ) / S} with {@code S = √(χ²_ν / ν)} independent of
 * {@code Z}, the power is the one-dimensional integral {@code E_S[Φ(δ − cS) + Φ(−δ − cS)]}, evaluated here by
 * Simpson's rule over the density of {@code S} (accurate to about 1e-9, far below what a sample size needs).
 */
public final class Power {

  /** The power a sample size is planned for. */
  public static final double CONVENTIONAL_POWER = 0.8;

  private static final int INTERVALS = 2000;

  private Power() {}

  /**
   * The power of the two-sided two-sample t test at level {@code alpha} to detect a standardized difference
   * {@code d} with {@code n1} and {@code n2} values; needs {@code n1 + n2 ≥ 3}.
   */
  public static double twoSampleT(double d, int n1, int n2, double alpha) {
    if (n1 < 1 || n2 < 1 || n1 + n2 < 3) {
      throw new IllegalArgumentException("the two-sample t test needs n1 + n2 ≥ 3: " + n1 + ", " + n2);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
    }
    if (Double.isNaN(d)) {
      return Double.NaN;
    }
    double df = n1 + n2 - 2;
    double delta = Math.abs(d) * Math.sqrt((double) n1 * n2 / (n1 + n2));
    double critical = StudentT.quantile(1 - alpha / 2, df);
    if (Double.isInfinite(delta)) {
      return 1;
    }
    // S = √(χ²_ν/ν) has density 2 (ν/2)^(ν/2) s^(ν−1) e^(−νs²/2) / Γ(ν/2): its mass lies within 10/√ν of 1
    // (for ν = 1, S = |Z|, within 11 of 0).
    double spread = 10 / Math.sqrt(df);
    double low = Math.max(0, 1 - spread);
    double high = 1 + spread;
    double logConstant = Math.log(2) + df / 2 * Math.log(df / 2) - StudentT.logGamma(df / 2);
    double h = (high - low) / INTERVALS;
    double sum = 0;
    for (int i = 0; i <= INTERVALS; i++) {
      double s = low + i * h;
      double weight = i == 0 || i == INTERVALS ? 1 : i % 2 == 1 ? 4 : 2;
      double density = s == 0 ? (df == 1 ? Math.exp(logConstant) : 0)
          : Math.exp(logConstant + (df - 1) * Math.log(s) - df * s * s / 2);
      sum += weight * density * (Normal.cdf(delta - critical * s) + Normal.cdf(-delta - critical * s));
    }
    return Math.min(1, Math.max(0, sum * h / 3));
  }

  /**
   * The smallest number of values per group with which the two-sided two-sample t test at level {@code alpha}
   * reaches {@code power} for a standardized difference {@code d}; empty when more than {@code max} would be needed
   * (or {@code d} is 0 or not a number). Starts from the normal approximation {@code 2 (z(1 − α/2) + z(power))² / d²}
   * and steps to the exact answer with the noncentral t; at least 2.
   */
  public static OptionalInt seedsPerGroup(double d, double alpha, double power, int max) {
    if (!(power > 0 && power < 1)) {
      throw new IllegalArgumentException("power must be in (0, 1): " + power);
    }
    double effect = Math.abs(d);
    if (!(effect > 0) || Double.isNaN(effect) || max < 2) {
      return OptionalInt.empty();
    }
    double z = Normal.quantile(1 - alpha / 2) + Normal.quantile(power);
    double approximate = 2 * z * z / (effect * effect);
    if (approximate > 2.0 * max + 10 || twoSampleT(effect, max, max, alpha) < power) {
      return OptionalInt.empty();
    }
    int n = (int) Math.max(2, Math.min(max, Math.ceil(approximate)));
    while (n < max && twoSampleT(effect, n, n, alpha) < power) {
      n++;
    }
    while (n > 2 && twoSampleT(effect, n - 1, n - 1, alpha) >= power) {
      n--;
    }
    return OptionalInt.of(n);
  }
}
