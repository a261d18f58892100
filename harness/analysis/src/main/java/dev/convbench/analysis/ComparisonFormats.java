package dev.convbench.analysis;

import dev.convbench.results.MetricResult;
import java.util.Locale;

/**
 * How a comparison's numbers read in its text table, its Markdown and its gate messages: always {@link Locale#ROOT},
 * ASCII signs (a terminal of any charset shows them), and {@value #MISSING} for a value that does not exist.
 */
public final class ComparisonFormats {

  /** What stands for a value that does not exist. */
  public static final String MISSING = "-";

  private ComparisonFormats() {}

  /** The change: {@code +1.17 pp} for accuracies, {@code +8.1 %} for times; {@value #MISSING} when unknown. */
  public static String change(MetricComparison m) {
    return signed(m.scale(), m.change());
  }

  /** The 95 % interval of the change: {@code [-3.90, -0.70] pp}, {@code [+2.0, +14.5] %}; empty when untested. */
  public static String interval(MetricComparison m) {
    if (Double.isNaN(m.changeLow())) {
      return "";
    }
    boolean points = m.scale() == MetricComparison.Scale.POINTS;
    String low = number(points, m.changeLow());
    String high = number(points, m.changeHigh());
    return "[" + low + ", " + high + "]" + (points ? " pp" : " %");
  }

  /** The mean of one side's values in the metric's unit: {@code 61.25 %}, {@code 41.3 ms}, {@code 2.5 epochs}. */
  public static String mean(MetricComparison m, SampleStats side) {
    if (side.isEmpty()) {
      return MISSING;
    }
    double v = side.mean();
    if (m.scale() == MetricComparison.Scale.POINTS) {
      return String.format(Locale.ROOT, "%.2f %%", v * 100);
    }
    if (m.metric().equals(MetricResult.EPOCHS_TO_TARGET)) {
      return String.format(Locale.ROOT, "%.1f epochs", v);
    }
    return seconds(v);
  }

  /** Seconds in a unit chosen by size: {@code 41.3 ms}, {@code 2.35 s}, {@code 3.2 min}. */
  public static String seconds(double s) {
    if (s < 1) {
      return String.format(Locale.ROOT, "%.1f ms", s * 1000);
    }
    if (s < 120) {
      return String.format(Locale.ROOT, "%.2f s", s);
    }
    return String.format(Locale.ROOT, "%.1f min", s / 60);
  }

  /** The p-value a verdict read (adjusted): {@code 0.012}, {@code <0.001}; {@value #MISSING} when untested. */
  public static String p(MetricComparison m) {
    double p = m.adjustedP();
    if (Double.isNaN(p)) {
      return MISSING;
    }
    return p < 0.001 ? "<0.001" : p < 0.01 ? String.format(Locale.ROOT, "%.4f", p)
        : String.format(Locale.ROOT, "%.3f", p);
  }

  /** Hedges' g with two decimals and its sign; {@value #MISSING} when untested. */
  public static String hedgesG(MetricComparison m) {
    return Double.isNaN(m.hedgesG()) ? MISSING : String.format(Locale.ROOT, "%+.2f", m.hedgesG());
  }


  /** A seed count: {@code n=3}. */
  public static String n(SampleStats side) {
    return "n=" + side.n();
  }

  private static String signed(MetricComparison.Scale scale, double change) {
    if (Double.isNaN(change)) {
      return MISSING;
    }
    boolean points = scale == MetricComparison.Scale.POINTS;
    return number(points, change) + (points ? " pp" : " %");
  }

  private static String number(boolean points, double change) {
    return points ? String.format(Locale.ROOT, "%+.2f", change * 100)
        : String.format(Locale.ROOT, "%+.1f", change * 100);
  }
}
