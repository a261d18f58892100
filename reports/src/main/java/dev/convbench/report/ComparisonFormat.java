package dev.convbench.report;

import dev.convbench.analysis.Comparison;
import dev.convbench.analysis.EffectSize;
import dev.convbench.analysis.ProbabilityOfImprovement;
import dev.convbench.analysis.Welch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * How the report states a comparison of two samples, the one rule for the findings and the baseline column:
 * the difference with its 95 % Welch t interval, Hedges' g in words, the probability of improvement with its interval,
 * Welch's test with its Holm-adjusted p-value, and, when no difference is called for want of power, the seeds per
 * cell that 80 % power would need. For example: {@code difference +8.25 pp (95 % CI +2.10 to +14.40 pp, Welch t
 * interval); Hedges' g = 5.20 (large); P(densenet > resnet) = 1.00 (95 % CI 0.39–1.00); Welch's t-test: t = 8.99,
 * df = 1.6, p = 0.024, Holm-adjusted 0.190 over 8 tests; the test has little power here (…)}.
 */
final class ComparisonFormat {

  /** What the compared values measure, which decides how their difference reads. */
  enum Unit {
    /** Fractions (accuracies, gaps): the difference in signed percentage points. */
    PERCENTAGE_POINTS,
    /** Seconds: the difference as a signed duration in one unit. */
    SECONDS,
    /** Base-10 logarithms of positive values (gradient norms): the difference as a ratio of geometric means. */
    LOG10_RATIO
  }

  /** What a comparison allows the page to say. */
  enum Verdict {
    /** The test ran and its Holm-adjusted p-value is below α: a difference is called. */
    CALLED,
    /** The test ran and its adjusted p-value is not below α: no difference is called. */
    NOT_CALLED,
    /** The test could not run (one value on a side, or no spread): no claim. */
    NO_TEST
  }

  private ComparisonFormat() {}

  static Verdict verdict(Comparison c) {
    return c.called() ? Verdict.CALLED : c.tested() ? Verdict.NOT_CALLED : Verdict.NO_TEST;
  }

  /**
   * The comparison of A (named {@code a}) with B ({@code b}) in one clause: difference with interval, g, P(A > B),
   * the test (or why there is none) and, when it applies, the power note.
   */
  static String statistics(Comparison c, Unit unit, String a, String b) {
    List<String> parts = new ArrayList<>();
    parts.add(difference(c, unit));
    c.effectSize().ifPresent(size -> parts.add(String.format(Locale.ROOT, "Hedges' g = %.2f (%s)", c.hedgesG(),
        size.word())));
    ProbabilityOfImprovement p = c.improvement();
    // With one run on each side P(A > B) is 0 or 1 from a single pair: quoted, it would read as a finding.
    if (p.isDefined() && c.a().length + c.b().length > 2) {
      parts.add(String.format(Locale.ROOT, "P(%s > %s) = %.2f (95 %% CI %.2f–%.2f)", a, b, p.estimate(), p.low(),
          p.high()));
    }
    parts.add(test(c, unit));
    String power = power(c);
    if (!power.isEmpty()) {
      parts.add(power);
    }
    return String.join("; ", parts);
  }

  /** Welch's test with both p-values, or why it did not run; for logarithms, saying so. */
  static String test(Comparison c, Unit unit) {
    Welch w = c.welch();
    if (!c.tested()) {
      return w.describe();
    }
    return String.format(Locale.ROOT, "Welch's t-test%s: t = %.2f, df = %.1f, %s, Holm-adjusted %s over %s",
        unit == Unit.LOG10_RATIO ? " on log norms" : "", w.t(), w.df(), Welch.formatP(c.p()), pValue(c.adjustedP()),
        Formats.counted(c.familySize(), "test"));
  }

  /** A p-value without its "p": {@code 0.140}, {@code 0.0042}, {@code < 0.001}, as {@link Welch#formatP} rounds. */
  static String pValue(double p) {
    return Welch.formatP(p).replaceFirst("^p (= )?", "");
  }

  /**
   * When no difference is called and the test is short of power for the observed difference: how much power it
   * had and how many seeds per cell 80 % would take (two-sided two-sample t test at α = 0.05, observed pooled
   * standard deviation); else empty.
   */
  static String power(Comparison c) {
    if (c.called() || !c.seedsComputable()) {
      return "";
    }
    OptionalInt seeds = c.seedsFor80PercentPower();
    String needed = seeds.isPresent() ? "would take " + Formats.counted(seeds.getAsInt(), "seed") + " per cell"
        : "would take more than " + Comparison.MAX_SEEDS + " seeds per cell";
    int na = c.a().length;
    int nb = c.b().length;
    if (!c.tested()) {
      return "with the observed spread, detecting a difference this size with 80 % power at α = 0.05 " + needed;
    }
    if (!c.lowPower()) {
      return "";
    }
    return String.format(Locale.ROOT, "the test has little power here (%.0f %% at n=%s for a difference this size); "
        + "80 %% power at α = 0.05 %s", c.power() * 100, na == nb ? Integer.toString(na) : na + " and " + nb,
        needed);
  }

  private static String difference(Comparison c, Unit unit) {
    double d = c.difference();
    double[] ci = c.differenceInterval95();
    boolean interval = ci.length == 2;
    return switch (unit) {
      case PERCENTAGE_POINTS -> "difference " + Formats.percentagePoints(d) + (interval ? String.format(Locale.ROOT,
          " (95 %% CI %+.2f to %+.2f pp, Welch t interval)", ci[0] * 100, ci[1] * 100) : "");
      case SECONDS -> {
        TimeScale scale = TimeScale.forSeconds(Math.abs(d));
        yield "difference " + signed(d, scale) + (interval ? " (95 % CI " + signed(ci[0], scale) + " to "
            + signed(ci[1], scale) + ", Welch t interval)" : "");
      }
      case LOG10_RATIO -> "geometric-mean ratio " + Formats.ratio(Math.pow(10, d)) + (interval ? " (95 % CI "
          + Formats.ratio(Math.pow(10, ci[0])) + " to " + Formats.ratio(Math.pow(10, ci[1]))
          + ", Welch t interval of the log norms' difference)" : "");
    };
  }

  private static String signed(double seconds, TimeScale scale) {
    return String.format(Locale.ROOT, "%+.1f %s", seconds / scale.seconds(), scale.symbol());
  }

  /** The magnitude words, for the page's note: Cohen's conventions. */
  static String conventions() {
    return "|g| < 0.2 " + EffectSize.NEGLIGIBLE.word() + ", < 0.5 " + EffectSize.SMALL.word() + ", < 0.8 "
        + EffectSize.MEDIUM.word() + ", else " + EffectSize.LARGE.word();
  }
}
