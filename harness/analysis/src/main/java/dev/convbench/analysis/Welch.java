package dev.convbench.analysis;

import java.util.Locale;

/**
 * Welch's unequal-variances t-test between two cells' values over seeds, two-sided.
 *
 * <p>{@code t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂)}, with the Welch–Satterthwaite degrees of freedom
 * {@code (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1))}; {@code p = P(|T| ≥ |t|)}.
 *
 * <p>The verdict and {@link #describe()} judge this one test at {@link #ALPHA}, unadjusted. A page or a command
 * that makes several tests calls differences through {@link Comparison}s of one {@link TestFamily}, whose p-values
 * are adjusted together ({@link Holm}).
 *
 * @param a the first sample's statistics
 * @param b the second's
 * @param verdict whether the test could run, and whether it found a difference
 * @param t the t statistic ({@code NaN} when not computed)
 * @param df the degrees of freedom ({@code NaN} when not computed)
 * @param p the two-sided p-value ({@code NaN} when not computed)
 */
public record Welch(SampleStats a, SampleStats b, Verdict verdict, double t, double df, double p) {

  /** The significance level the report uses, applied to Holm-adjusted p-values ({@link Comparison#called()}). */
  public static final double ALPHA = 0.05;

  /** What the test says. */
  public enum Verdict {
    /** p < {@link #ALPHA} for this test alone (before any adjustment for multiple tests). */
    DIFFERENT,
    /** p ≥ {@link #ALPHA}: no difference is called. */
    NOT_SIGNIFICANT,
    /** A side has fewer than two values: no test, no claim. */
    TOO_FEW,
    /** Both sides have no spread over seeds: the statistic is undefined, no claim. */
    NO_VARIANCE
  }

  /** Tests {@code a} against {@code b}. */
  public static Welch test(SampleStats a, SampleStats b) {
    if (a.n() < 2 || b.n() < 2) {
      return new Welch(a, b, Verdict.TOO_FEW, Double.NaN, Double.NaN, Double.NaN);
    }
    double va = a.std() * a.std() / a.n();
    double vb = b.std() * b.std() / b.n();
    double se2 = va + vb;
    if (!(se2 > 0)) {
      return new Welch(a, b, Verdict.NO_VARIANCE, Double.NaN, Double.NaN, Double.NaN);
    }
    double t = (a.mean() - b.mean()) / Math.sqrt(se2);
    double df = se2 * se2 / (va * va / (a.n() - 1) + vb * vb / (b.n() - 1));
    double p = StudentT.twoSidedP(t, df);
    return new Welch(a, b, p < ALPHA ? Verdict.DIFFERENT : Verdict.NOT_SIGNIFICANT, t, df, p);
  }

  /** A p-value as the report and comparisons quote it: {@code p < 0.001}, {@code p = 0.0042}, {@code p = 0.020}. */
  public static String formatP(double p) {
    if (Double.isNaN(p)) {
      return "p —";
    }
    if (p < 0.001) {
      return "p < 0.001";
    }
    return p < 0.01 ? String.format(Locale.ROOT, "p = %.4f", p) : String.format(Locale.ROOT, "p = %.3f", p);
  }

  /** The estimated difference {@code mean(a) − mean(b)}; {@code NaN} when a side has no value. */
  public double difference() {
    return a.mean() - b.mean();
  }

  /**
   * The 95 % confidence interval of {@link #difference()} that goes with the test (Welch's: the difference ± the t
   * quantile at the Welch–Satterthwaite degrees of freedom × its standard error), as {@code [low, high]}; empty when
   * the test could not run.
   */
  public double[] differenceInterval95() {
    if (verdict == Verdict.TOO_FEW || verdict == Verdict.NO_VARIANCE) {
      return new double[0];
    }
    double se = Math.sqrt(a.std() * a.std() / a.n() + b.std() * b.std() / b.n());
    double half = StudentT.quantile(0.975, df) * se;
    return new double[] {difference() - half, difference() + half};
  }

  /**
   * Hedges' g: the difference in units of the pooled standard deviation, with the small-sample correction
   * {@code J = 1 − 3 / (4 (n₁ + n₂) − 9)}; {@code NaN} when a side has fewer than two values or neither has spread.
   */
  public double hedgesG() {
    if (a.n() < 2 || b.n() < 2) {
      return Double.NaN;
    }
    double pooled = Math.sqrt(((a.n() - 1) * a.std() * a.std() + (b.n() - 1) * b.std() * b.std())
        / (a.n() + b.n() - 2));
    if (!(pooled > 0)) {
      return Double.NaN;
    }
    double correction = 1 - 3.0 / (4 * (a.n() + b.n()) - 9);
    return difference() / pooled * correction;
  }

  /** Whether the test called a difference. */
  public boolean different() {
    return verdict == Verdict.DIFFERENT;
  }

  /**
   * How the report states the result: {@code Welch's t-test: t = 4.10, df = 3.9, p = 0.015},
   * {@code n=1: no claim of difference}, or {@code no spread over seeds: no test, no claim of difference}.
   */
  public String describe() {
    return switch (verdict) {
      case TOO_FEW -> "n=" + Math.min(a.n(), b.n()) + ": no claim of difference";
      case NO_VARIANCE -> "no spread over seeds on either side: Welch's t-test undefined, no claim of difference";
      case DIFFERENT, NOT_SIGNIFICANT -> String.format(Locale.ROOT, "Welch's t-test: t = %.2f, df = %.1f, %s", t, df,
          formatP(p));
    };
  }
}
