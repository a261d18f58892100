package dev.convbench.analysis;

import java.util.Arrays;

/**
 * How a metric's values over runs become one score, the {@code aggregation} of {@code results.json}.
 *
 * <p>Time (and epochs) to a target accuracy follow <b>MLPerf Training's rule</b> once at least
 * {@value #MLPERF_MIN_RUNS} runs reached the target: the fastest and the slowest run are dropped and the rest
 * averaged ({@value #MLPERF_TRIMMED_MEAN}), so one lucky or unlucky seed does not decide the score. With fewer runs
 * the score is the plain {@value #MEAN}, the number of runs shown beside it. Epochs and seconds are trimmed each over
 * its own values. Every other metric is the mean.
 *
 * <p>The interval of a trimmed mean is the Tukey–McLaughlin one (Tukey &amp; McLaughlin 1963; R. R. Wilcox,
 * <i>Introduction to Robust Estimation and Hypothesis Testing</i>, §4.4): with {@code g = 1} value trimmed from each
 * end of {@code n}, the standard error is the winsorized standard deviation {@code s_w} over
 * {@code (1 − 2g/n) √n}, and the half width {@code t(0.975, n − 2g − 1)} times that. Checked against SciPy's
 * {@code trim_mean} and {@code mstats.trimmed_stde} in {@code AggregateTest}.
 *
 * @param method {@value #MEAN} or {@value #MLPERF_TRIMMED_MEAN}
 * @param n the number of values
 * @param value the score; {@code NaN} when there are no values
 * @param halfWidth95 half the width of the score's 95 % confidence interval; {@code NaN} when none can be estimated
 *     (fewer than two values)
 */
public record Aggregate(String method, int n, double value, double halfWidth95) {

  /** The arithmetic mean of every value. */
  public static final String MEAN = "mean";
  /** MLPerf Training's rule: the fastest and slowest run dropped, the rest averaged. */
  public static final String MLPERF_TRIMMED_MEAN = "mlperf-trimmed-mean";
  /** The fewest runs reaching a target for which the MLPerf rule is applied. */
  public static final int MLPERF_MIN_RUNS = 5;

  /** The mean of {@code values}, with the t interval of the mean. */
  public static Aggregate mean(double... values) {
    SampleStats s = SampleStats.of(values);
    return new Aggregate(MEAN, s.n(), s.mean(), s.halfWidth95());
  }

  /**
   * Time or epochs to a target accuracy over the runs that reached it: MLPerf's trimmed mean for
   * {@value #MLPERF_MIN_RUNS} runs or more, else the mean.
   */
  public static Aggregate timeToTarget(double... values) {
    int n = values.length;
    if (n < MLPERF_MIN_RUNS) {
      return mean(values);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] kept = Arrays.copyOfRange(sorted, 1, n - 1);
    double value = Arrays.stream(kept).average().orElseThrow();
    // Winsorized: the dropped ends replaced by their neighbours.
    double[] winsorized = sorted.clone();
    winsorized[0] = sorted[1];
    winsorized[n - 1] = sorted[n - 2];
    double sw = SampleStats.of(winsorized).std();
    double se = sw / ((1 - 2.0 / n) * Math.sqrt(n));
    return new Aggregate(MLPERF_TRIMMED_MEAN, n, value, StudentT.quantile(0.975, n - 3) * se);
  }

  /** Whether the fastest and slowest runs were dropped. */
  public boolean trimmed() {
    return MLPERF_TRIMMED_MEAN.equals(method);
  }

  /** The number of values the score averages. */
  public int used() {
    return trimmed() ? n - 2 : n;
  }
}
