package dev.convbench.analysis;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Two samples of a metric over seeds (A and B, e.g. two cells' final accuracies) compared in every way the report
 * states a difference:
 * <ul>
 *   <li>{@link Welch}'s two-sided t-test, its p-value adjusted with the other tests of its {@link TestFamily}
 *       ({@link Holm}); a difference is {@linkplain #called() called} only when the adjusted p &lt;
 *       {@link Welch#ALPHA};</li>
 *   <li>the difference of means with its 95 % Welch t interval ({@link Welch#differenceInterval95()});</li>
 *   <li>Hedges' g ({@link Welch#hedgesG()}) and its reading by Cohen's conventions ({@link EffectSize});</li>
 *   <li>the probability of improvement {@code P(A > B)} with its interval ({@link ProbabilityOfImprovement});</li>
 *   <li>the power the test had for the observed difference, and the seeds per cell that 80 % power would need
 *       ({@link Power}), capped at {@value #MAX_SEEDS}.</li>
 * </ul>
 * Non-finite values are left out. Instances are immutable; the adjusted p-value is the family's.
 */
public final class Comparison {

  /** Seed counts above this are reported as "more than". */
  public static final int MAX_SEEDS = 100;

  private final double[] a;
  private final double[] b;
  private final Welch welch;
  private final ProbabilityOfImprovement improvement;
  private final TestFamily family;
  private final String key;

  Comparison(double[] a, double[] b, TestFamily family, String key) {
    this.a = Arrays.stream(a).filter(Double::isFinite).toArray();
    this.b = Arrays.stream(b).filter(Double::isFinite).toArray();
    this.welch = Welch.test(SampleStats.of(this.a), SampleStats.of(this.b));
    this.improvement = ProbabilityOfImprovement.of(this.a, this.b);
    this.family = family;
    this.key = key;
  }

  /** {@code a} against {@code b} alone: a family of one test, so the adjusted p-value is the p-value. */
  public static Comparison of(double[] a, double[] b) {
    return new TestFamily().compare("a vs b", a, b);
  }

  /** A's values. */
  public double[] a() {
    return a.clone();
  }

  /** B's values. */
  public double[] b() {
    return b.clone();
  }

  public Welch welch() {
    return welch;
  }

  /** Whether Welch's test ran (two values on each side, spread on at least one). */
  public boolean tested() {
    return !Double.isNaN(welch.p());
  }

  /** Welch's two-sided p-value, unadjusted; {@code NaN} when the test could not run. */
  public double p() {
    return welch.p();
  }

  /** The p-value adjusted over the family by Holm's method; {@code NaN} when the test could not run. */
  public double adjustedP() {
    return family.adjustedP(key);
  }

  /** The number of tests the p-value was adjusted over. */
  public int familySize() {
    adjustedP();
    return family.size();
  }

  /** Whether a difference is called: the test ran and its Holm-adjusted p-value is below {@link Welch#ALPHA}. */
  public boolean called() {
    return tested() && adjustedP() < Welch.ALPHA;
  }

  /** {@code mean(A) − mean(B)}. */
  public double difference() {
    return welch.difference();
  }

  /** The 95 % Welch t interval of the difference, {@code [low, high]}; empty when the test could not run. */
  public double[] differenceInterval95() {
    return welch.differenceInterval95();
  }

  /** Hedges' g; {@code NaN} when a side has fewer than two values or neither has spread. */
  public double hedgesG() {
    return welch.hedgesG();
  }

  /** The reading of Hedges' g by Cohen's conventions. */
  public Optional<EffectSize> effectSize() {
    return EffectSize.of(hedgesG());
  }

  public ProbabilityOfImprovement improvement() {
    return improvement;
  }

  /**
   * The observed standardized difference the power is computed for: Cohen's d, the difference of means over the
   * pooled standard deviation {@code √(((n₁ − 1)s₁² + (n₂ − 1)s₂²) / (n₁ + n₂ − 2))}; {@code NaN} when there are
   * fewer than three values in all or no spread.
   */
  public double standardizedDifference() {
    int n1 = a.length;
    int n2 = b.length;
    if (n1 == 0 || n2 == 0 || n1 + n2 < 3) {
      return Double.NaN;
    }
    SampleStats sa = welch.a();
    SampleStats sb = welch.b();
    double pooled = Math.sqrt(((n1 - 1) * sa.std() * sa.std() + (n2 - 1) * sb.std() * sb.std()) / (n1 + n2 - 2));
    return pooled > 0 ? difference() / pooled : Double.NaN;
  }

  /**
   * The power the two-sided two-sample t test at {@link Welch#ALPHA} has, with these sample sizes, to detect a true
   * difference of the observed size ({@link #standardizedDifference()}); {@code NaN} when that is undefined.
   */
  public double power() {
    double d = standardizedDifference();
    return Double.isNaN(d) ? Double.NaN : Power.twoSampleT(d, a.length, b.length, Welch.ALPHA);
  }

  /**
   * The seeds per cell with which the two-sided two-sample t test at {@link Welch#ALPHA} would detect a true
   * difference of the observed size with 80 % power; empty when more than {@value #MAX_SEEDS} would be needed, or
   * the observed difference or spread is zero (see {@link #seedsComputable()}).
   */
  public OptionalInt seedsFor80PercentPower() {
    double d = standardizedDifference();
    return Double.isNaN(d) ? OptionalInt.empty()
        : Power.seedsPerGroup(d, Welch.ALPHA, Power.CONVENTIONAL_POWER, MAX_SEEDS);
  }

  /** Whether a seed count can be computed at all: there is an observed spread (a standardized difference). */
  public boolean seedsComputable() {
    return !Double.isNaN(standardizedDifference());
  }

  /** The smaller side's number of values. */
  public int minN() {
    return Math.min(a.length, b.length);
  }

  /**
   * Whether the comparison is short of power: no difference is called, a seed count can be computed, and the test
   * has less than 80 % power at these sample sizes for the observed difference.
   */
  public boolean lowPower() {
    if (called() || !seedsComputable()) {
      return false;
    }
    double power = power();
    return !(power >= Power.CONVENTIONAL_POWER);
  }
}
