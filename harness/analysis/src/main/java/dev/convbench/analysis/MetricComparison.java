package dev.convbench.analysis;

import java.util.Locale;

/**
 * One metric of one cell, base against new: both sides' values over seeds, the change, its 95 % interval, Welch's
 * test and a verdict.
 *
 * <p>Accuracies change in {@linkplain Scale#POINTS percentage points} (new mean − base mean). Times and epochs change
 * {@linkplain Scale#RELATIVE relatively}: the test runs on the logarithms of the values, so the change is the ratio
 * of the geometric means minus one ({@code +0.081} is 8.1 % slower) and its interval is the exponentiated Welch
 * interval of the difference of mean logs, minus one. A ratio suits times: a step 10 % slower is the same regression
 * on a fast machine and a slow one, and the log makes it symmetric (twice as slow and half as slow are equally far).
 *
 * @param metric the {@link dev.convbench.results.MetricResult} name
 * @param unit the unit of the values ({@link dev.convbench.results.MetricResult#unit()})
 * @param scale how the change is expressed
 * @param higherIsBetter whether a larger value is an improvement
 * @param base the base's values over seeds (raw, not logs)
 * @param candidate the new side's values over seeds (raw)
 * @param change new − base as a fraction ({@link Scale#POINTS}: × 100 for points), or the relative change
 *     ({@link Scale#RELATIVE}); {@code NaN} when a side has no value
 * @param changeLow the 95 % interval's lower end, same units; {@code NaN} when untested
 * @param changeHigh its upper end
 * @param p Welch's two-sided p-value, {@code NaN} when untested
 * @param adjustedP {@code p} adjusted over the metric's family ({@link PValueAdjustment}); the verdict uses it
 * @param hedgesG Hedges' g of new against base (of the logs for {@link Scale#RELATIVE}), {@code NaN} when untested
 * @param verdict what the comparison says
 * @param reason why a metric could not be tested or is missing, else empty
 */
public record MetricComparison(String metric, String unit, Scale scale, boolean higherIsBetter, SampleStats base,
    SampleStats candidate, double change, double changeLow, double changeHigh, double p, double adjustedP,
    double hedgesG, Verdict verdict, String reason) {

  /** How a change is expressed. */
  public enum Scale {
    /** Difference of means of fractions, shown in percentage points. */
    POINTS,
    /** Ratio of geometric means minus one, shown in percent. */
    RELATIVE
  }

  /** What the comparison of one metric says. */
  public enum Verdict {
    /** Significantly better (adjusted p &lt; {@link Welch#ALPHA}). */
    BETTER,
    /** Significantly worse. */
    WORSE,
    /** Tested, adjusted p ≥ {@link Welch#ALPHA}. */
    NO_SIGNIFICANT_CHANGE,
    /** Both sides have values, but too few (n &lt; 2 on a side) or without spread: no test, no claim. */
    CANNOT_TEST,
    /** A side has no value at all (no completed run, or no run reached the target). */
    MISSING;

    /** The verdict as outputs write it: {@code no significant change}. */
    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** Whether Welch's test ran. */
  public boolean tested() {
    return !Double.isNaN(p);
  }

  /** Whether both sides have at least one value. */
  public boolean measuredOnBoth() {
    return !base.isEmpty() && !candidate.isEmpty();
  }

  /** The verdict with its reason, as a table cell says it: {@code cannot test: n=1 on base}. */
  public String verdictText() {
    return reason.isEmpty() ? verdict.text() : verdict == Verdict.CANNOT_TEST ? "cannot test: " + reason : reason;
  }

  /** Whether the change goes the bad way (lower accuracy, longer time), whatever its significance. */
  public boolean changedForTheWorse() {
    return higherIsBetter ? change < 0 : change > 0;
  }
}
