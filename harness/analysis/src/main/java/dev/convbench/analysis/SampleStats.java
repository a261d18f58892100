package dev.convbench.analysis;

/**
 * Mean and sample standard deviation of a metric over the seeds of a cell.
 *
 * @param n number of values
 * @param mean arithmetic mean; {@code NaN} when {@code n == 0}
 * @param std sample standard deviation (divisor {@code n - 1}); 0 when {@code n == 1}, {@code NaN} when {@code n == 0}
 */
public record SampleStats(int n, double mean, double std) {

  /** Statistics of {@code values} (two-pass, which is accurate enough for a handful of seeds). */
  public static SampleStats of(double... values) {
    int n = values.length;
    if (n == 0) {
      return new SampleStats(0, Double.NaN, Double.NaN);
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / n;
    if (n == 1) {
      return new SampleStats(1, mean, 0);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new SampleStats(n, mean, Math.sqrt(squares / (n - 1)));
  }

  public boolean isEmpty() {
    return n == 0;
  }

  /**
   * Half the width of the 95 % confidence interval of the mean, {@code t(0.975, n − 1) · std / √n} (Student's t with
   * n − 1 degrees of freedom); {@code NaN} when {@code n < 2}, where no interval can be estimated.
   */
  public double halfWidth95() {
    return n < 2 ? Double.NaN : StudentT.quantile(0.975, n - 1) * std / Math.sqrt(n);
  }
}
