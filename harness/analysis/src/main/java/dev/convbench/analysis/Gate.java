package dev.convbench.analysis;

import dev.convbench.results.MetricResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A condition under which {@code convbench compare --fail-on} fails: a significant regression of at least a given
 * size in one metric of any matched cell.
 *
 * <ul>
 *   <li>{@code accuracy-drop=Npp}: final accuracy fell by N percentage points or more (new − base ≤ −N pp) and the
 *       fall is significant (adjusted p &lt; {@link Welch#ALPHA}).
 *   <li>{@code step-time=+N%}: step time rose by N % or more (ratio of geometric means ≥ 1 + N/100) and
 *       significantly.
 *   <li>{@code time-to-target=+N%}: training time to the target accuracy, likewise.
 * </ul>
 *
 * <p>A gated metric that cannot be tested (n &lt; 2 on a side, or no spread) fails the gate unless underpowered
 * comparisons are allowed; then it is reported untested. A gated metric the new side lacks while the base has it
 * (every new run failed, or none reached the target) fails: that is a regression a test cannot measure. One the base
 * lacks cannot regress and passes; one neither side has does not apply. Cells only one side holds are not gated.
 *
 * @param kind what is gated
 * @param threshold the smallest regression that fails: percentage points for accuracy, a fraction (0.10 for 10 %)
 *     for times
 */
public record Gate(Kind kind, double threshold) {

  /** Room for rounding: a drop of exactly the threshold, computed from fractions, still fails. */
  private static final double TOLERANCE = 1e-9;

  private static final Pattern SYNTAX = Pattern.compile("([a-z-]+)=(\\+?)(\\d+(?:\\.\\d+)?)(pp|%)?");

  /** What a gate watches. */
  public enum Kind {
    /** Final accuracy, in percentage points. */
    ACCURACY_DROP("accuracy-drop", MetricResult.FINAL_ACCURACY, "pp", "1pp"),
    /** Seconds per training step, relative. */
    STEP_TIME("step-time", MetricResult.STEP_SECONDS, "%", "+10%"),
    /** Training seconds to the target accuracy, relative. */
    TIME_TO_TARGET("time-to-target", MetricResult.SECONDS_TO_TARGET, "%", "+20%");

    private final String option;
    private final String metric;
    private final String unit;
    private final String example;

    Kind(String option, String metric, String unit, String example) {
      this.option = option;
      this.metric = metric;
      this.unit = unit;
      this.example = example;
    }

    /** The name {@code --fail-on} takes: {@code accuracy-drop}. */
    public String option() {
      return option;
    }

    /** The gated {@link MetricResult} name. */
    public String metric() {
      return metric;
    }
  }

  /** How a gate fared on one matched cell. */
  public enum Outcome {
    /** No regression of the gated size was found. */
    PASSED,
    /** A regression of the gated size, or a gated metric that could not be tested or is missing on new. */
    FAILED,
    /** Could not be tested, and underpowered comparisons were allowed. */
    UNTESTED,
    /** Neither side measured the metric, or only the new side did. */
    NOT_APPLICABLE;

    /** As outputs write it: {@code not applicable}. */
    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * One gate on one cell.
   *
   * @param gate the gate
   * @param label the cell
   * @param outcome how it fared
   * @param reason why, in a phrase: {@code −2.10 pp, p = 0.012}, {@code cannot test: n=1 on base}
   */
  public record Check(Gate gate, String label, Outcome outcome, String reason) {}

  /**
   * Parses {@code --fail-on}'s value: {@code accuracy-drop=1pp}, {@code step-time=+10%}, {@code time-to-target=+20%}.
   *
   * @throws IllegalArgumentException naming the valid gates and their form
   */
  public static Gate parse(String text) {
    Matcher m = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
    Kind kind = m.matches() ? Arrays.stream(Kind.values()).filter(k -> k.option.equals(m.group(1))).findFirst()
        .orElse(null) : null;
    if (kind == null) {
      throw new IllegalArgumentException("'" + text + "' is not a gate; valid gates: " + valid());
    }
    String unit = m.group(4) == null ? "" : m.group(4);
    boolean plusAllowed = kind.unit.equals("%");
    if (!unit.equals(kind.unit) || (!plusAllowed && !m.group(2).isEmpty())) {
      throw new IllegalArgumentException("'" + text + "': " + kind.option + " takes " + form(kind) + ", e.g. "
          + kind.option + "=" + kind.example + "; valid gates: " + valid());
    }
    double amount = Double.parseDouble(m.group(3));
    return new Gate(kind, kind.unit.equals("%") ? amount / 100 : amount);
  }

  private static String form(Kind kind) {
    return kind.unit.equals("pp") ? "percentage points (N" + kind.unit + ")" : "a percentage (+N%)";
  }

  /** The valid gates and their form, for error messages and help. */
  public static String valid() {
    return Arrays.stream(Kind.values()).map(k -> k.option + "=" + (k.unit.equals("pp") ? "Npp" : "+N%"))
        .collect(Collectors.joining(", "));
  }

  /** The gate as {@code --fail-on} takes it: {@code accuracy-drop=1pp}, {@code step-time=+10%}. */
  @Override
  public String toString() {
    return kind.option + "=" + (kind.unit.equals("pp") ? number(threshold) + "pp" : "+" + number(threshold * 100)
        + "%");
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value)
        : String.valueOf(value).replaceAll("0+$", "");
  }

  /** This gate on every matched cell of {@code comparison}, in its order. */
  public List<Check> check(SummaryComparison comparison, boolean allowUnderpowered) {
    List<Check> checks = new ArrayList<>();
    for (CellComparison cell : comparison.cells()) {
      checks.add(cell.metric(kind.metric)
          .map(m -> check(cell.label(), m, allowUnderpowered))
          .orElse(new Check(this, cell.label(), Outcome.NOT_APPLICABLE, "not measured on either side")));
    }
    return checks;
  }

  private Check check(String label, MetricComparison m, boolean allowUnderpowered) {
    return switch (m.verdict()) {
      case MISSING -> m.candidate().isEmpty() && !m.base().isEmpty()
          ? new Check(this, label, Outcome.FAILED, m.reason())
          : new Check(this, label, Outcome.NOT_APPLICABLE, m.reason());
      case CANNOT_TEST -> allowUnderpowered ? new Check(this, label, Outcome.UNTESTED, m.verdictText())
          : new Check(this, label, Outcome.FAILED, m.verdictText() + " (--allow-underpowered accepts it)");
      case BETTER, WORSE, NO_SIGNIFICANT_CHANGE -> {
        // The verdict reads the adjusted p; the unadjusted one is quoted beside it when they differ.
        String found = ComparisonFormats.change(m) + ", " + (Double.compare(m.adjustedP(), m.p()) == 0
            ? Welch.formatP(m.p()) : "adjusted " + Welch.formatP(m.adjustedP()) + " (" + Welch.formatP(m.p()) + ")");
        yield regressed(m) ? new Check(this, label, Outcome.FAILED, found + ": at least " + size()
            + " and significant") : new Check(this, label, Outcome.PASSED, found);
      }
    };
  }

  /** The gate's size as outputs say it: {@code 1 pp}, {@code 10 %}. */
  private String size() {
    return kind.unit.equals("pp") ? number(threshold) + " pp" : number(threshold * 100) + " %";
  }

  private boolean regressed(MetricComparison m) {
    if (m.verdict() != MetricComparison.Verdict.WORSE) {
      return false;
    }
    double regression = m.scale() == MetricComparison.Scale.POINTS ? -m.change() * 100 : m.change();
    if (!m.higherIsBetter() && m.scale() == MetricComparison.Scale.POINTS) {
      regression = m.change() * 100;
    }
    return regression >= threshold - TOLERANCE;
  }

  /** Whether any check failed. */
  public static boolean anyFailed(List<Check> checks) {
    return checks.stream().anyMatch(c -> c.outcome() == Outcome.FAILED);
  }
}
