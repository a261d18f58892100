package dev.convbench.analysis;

/**
 * The probability of improvement {@code P(A > B)}: the chance that a run of A scores above a run of B, with its 95 %
 * confidence interval.
 *
 * <p><b>Estimate.</b> The Mann–Whitney estimate {@code θ̂ = U / (m n)}: over all {@code m × n} pairs of one value of A
 * and one of B, the share in which A's is larger, a tie counting half. It needs no distributional assumption and is
 * the area under the ROC curve separating the two samples.
 *
 * <p><b>Interval: Newcombe's method 5</b> (R. G. Newcombe, "Confidence intervals for an effect size measure based
 * on the Mann–Whitney statistic. Part 2: asymptotic methods and evaluation", Statistics in Medicine 25, 2006). It
 * takes the Hanley–McNeil variance of {@code θ̂} as a function of the true {@code θ},
 * {@code V(θ) = θ(1 − θ) [1 + N*(1 − θ)/(2 − θ) + N*θ/(1 + θ)] / (m n)} with both sample sizes' {@code (size − 1)}
 * replaced by {@code N* = (m + n)/2 − 1}, and returns the {@code θ} with {@code |θ̂ − θ| ≤ z √V(θ)} (a score interval,
 * like Wilson's for a proportion). Why this one: convbench compares cells of 2 to 10 seeds, where
 * <ul>
 *   <li>the plain Hanley–McNeil (Wald) interval {@code θ̂ ± z √V(θ̂)} collapses to a point when every A beats every
 *       B ({@code θ̂ = 1}, the usual case with two well-separated seeds per cell), and</li>
 *   <li>a percentile bootstrap collapses the same way (every resample has {@code θ̂ = 1}) and has few distinct
 *       resamples anyway,</li>
 * </ul>
 * while method 5 stays inside [0, 1], is never empty at the boundary (2 vs 2 seeds with A always higher gives
 * [0.39, 1]), and Newcombe found its coverage close to 95 % down to small samples; {@code ProbabilityOfImprovementTest}
 * checks its coverage by simulation at 10 seeds per side.
 *
 * @param estimate the Mann–Whitney estimate; {@code NaN} when a side has no value
 * @param low the interval's lower end
 * @param high its upper end
 * @param nA values of A
 * @param nB values of B
 */
public record ProbabilityOfImprovement(double estimate, double low, double high, int nA, int nB) {

  private static final double Z95 = Normal.quantile(0.975);

  /** The estimate and interval of {@code P(A > B)} from the values of A and B; non-finite values are left out. */
  public static ProbabilityOfImprovement of(double[] a, double[] b) {
    double[] x = java.util.Arrays.stream(a).filter(Double::isFinite).toArray();
    double[] y = java.util.Arrays.stream(b).filter(Double::isFinite).toArray();
    int m = x.length;
    int n = y.length;
    if (m == 0 || n == 0) {
      return new ProbabilityOfImprovement(Double.NaN, Double.NaN, Double.NaN, m, n);
    }
    double wins = 0;
    for (double u : x) {
      for (double v : y) {
        wins += u > v ? 1 : u == v ? 0.5 : 0;
      }
    }
    double theta = wins / ((double) m * n);
    double nStar = (m + n) / 2.0 - 1;
    // Lower end: the root of θ̂ − θ − z√V(θ) in [0, θ̂]; positive at 0, negative just below θ̂ (V > 0 there).
    double low = theta <= 0 ? 0 : root(t -> theta - t - Z95 * Math.sqrt(variance(t, nStar, m, n)), 0,
        Math.min(theta, 1 - 1e-12));
    // Upper end: the root of θ̂ − θ + z√V(θ) in [θ̂, 1]; positive just above θ̂, negative at 1.
    double high = theta >= 1 ? 1 : root(t -> theta - t + Z95 * Math.sqrt(variance(t, nStar, m, n)),
        Math.max(theta, 1e-12), 1);
    return new ProbabilityOfImprovement(theta, low, high, m, n);
  }

  /** Newcombe's variance of the estimate at a true value {@code θ}, {@code (size − 1)} replaced by {@code N*}. */
  static double variance(double theta, double nStar, int m, int n) {
    double v = theta * (1 - theta) * (1 + nStar * (1 - theta) / (2 - theta) + nStar * theta / (1 + theta))
        / ((double) m * n);
    return Math.max(0, v);
  }

  /** A root of a function positive at {@code low} and negative at {@code high}, by bisection. */
  private static double root(java.util.function.DoubleUnaryOperator f, double low, double high) {
    for (int i = 0; i < 200 && high - low > 1e-15; i++) {
      double mid = 0.5 * (low + high);
      if (f.applyAsDouble(mid) > 0) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return 0.5 * (low + high);
  }

  /** Whether the estimate exists (both sides have a value). */
  public boolean isDefined() {
    return !Double.isNaN(estimate);
  }
}
