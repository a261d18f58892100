package dev.convbench.analysis;

import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two experiment summaries compared cell by cell: {@code convbench compare BASE NEW}.
 *
 * <p>Cells are matched by label. For every matched cell and every metric in {@link #METRICS}, the per-run values of
 * both sides ({@link MetricResult#values()}) are compared with Welch's two-sided t-test (see {@link MetricComparison}
 * for the scale of each change). The p-values of one metric over all matched cells form a family, adjusted together
 * by a {@link PValueAdjustment}; a change is called better or worse when its adjusted p is below
 * {@link Welch#ALPHA}. Cells only one side holds are listed, not compared.
 *
 * @param base the base summary
 * @param candidate the new summary
 * @param cells the matched cells, in the base's order
 * @param onlyInBase labels of cells only the base holds, in its order
 * @param onlyInNew labels of cells only the new summary holds, in its order
 * @param adjustment the name of the adjustment applied to each family of p-values
 */
public record SummaryComparison(ExperimentSummary base, ExperimentSummary candidate, List<CellComparison> cells,
    List<String> onlyInBase, List<String> onlyInNew, String adjustment) {

  /** The compared metrics, in the order outputs list them. */
  public static final List<String> METRICS = List.of(MetricResult.FINAL_ACCURACY, MetricResult.BEST_ACCURACY,
      MetricResult.SECONDS_TO_TARGET, MetricResult.EPOCHS_TO_TARGET, MetricResult.STEP_SECONDS);

  public SummaryComparison {
    cells = List.copyOf(cells);
    onlyInBase = List.copyOf(onlyInBase);
    onlyInNew = List.copyOf(onlyInNew);
  }

  /** How outputs name a metric: {@code final accuracy}, {@code time to target}, {@code step time}. */
  public static String displayName(String metric) {
    return switch (metric) {
      case MetricResult.FINAL_ACCURACY -> "final accuracy";
      case MetricResult.BEST_ACCURACY -> "best accuracy";
      case MetricResult.SECONDS_TO_TARGET -> "time to target";
      case MetricResult.EPOCHS_TO_TARGET -> "epochs to target";
      case MetricResult.STEP_SECONDS -> "step time";
      case MetricResult.TRAINING_SECONDS -> "training time";
      case MetricResult.IMAGES_PER_SECOND -> "throughput";
      default -> metric;
    };
  }

  /**
   * How the p-values were adjusted, as a phrase to follow "p &lt; 0.05": {@code after Holm–Bonferroni adjustment over
   * the cells, per metric}, or {@code not adjusted for multiple comparisons}.
   */
  public String adjustmentPhrase() {
    return adjustment.equals(PValueAdjustment.NONE.name()) ? "not adjusted for multiple comparisons"
        : "after " + adjustment + " adjustment over the cells, per metric";
  }

  /** Compares {@code candidate} against {@code base}, adjusting each metric's p-values with {@code adjustment}. */
  public static SummaryComparison of(ExperimentSummary base, ExperimentSummary candidate, PValueAdjustment adjustment) {
    Map<String, CellResult> newByLabel = new LinkedHashMap<>();
    candidate.cells().forEach(c -> newByLabel.putIfAbsent(c.label(), c));
    Map<String, CellResult> baseByLabel = new LinkedHashMap<>();
    base.cells().forEach(c -> baseByLabel.putIfAbsent(c.label(), c));
    List<String> onlyInBase = new ArrayList<>();
    List<CellResult[]> matched = new ArrayList<>();
    baseByLabel.forEach((label, cell) -> {
      CellResult other = newByLabel.get(label);
      if (other == null) {
        onlyInBase.add(label);
      } else {
        matched.add(new CellResult[] {cell, other});
      }
    });
    List<String> onlyInNew = newByLabel.keySet().stream().filter(l -> !baseByLabel.containsKey(l)).toList();

    // metric → one (unadjusted) comparison per matched cell, null where neither side measured it
    Map<String, MetricComparison[]> byMetric = new LinkedHashMap<>();
    for (String metric : METRICS) {
      MetricComparison[] family = new MetricComparison[matched.size()];
      for (int i = 0; i < matched.size(); i++) {
        family[i] = compare(metric, matched.get(i)[0], matched.get(i)[1]);
      }
      byMetric.put(metric, adjusted(family, adjustment));
    }
    List<CellComparison> cells = new ArrayList<>();
    for (int i = 0; i < matched.size(); i++) {
      List<MetricComparison> metrics = new ArrayList<>();
      for (MetricComparison[] family : byMetric.values()) {
        if (family[i] != null) {
          metrics.add(family[i]);
        }
      }
      cells.add(new CellComparison(matched.get(i)[0].label(), matched.get(i)[0], matched.get(i)[1], metrics));
    }
    return new SummaryComparison(base, candidate, cells, onlyInBase, onlyInNew, adjustment.name());
  }

  /**
   * The family's comparisons with their p-values adjusted together and their verdicts set from the adjusted ones:
   * the one place where p-values become verdicts.
   */
  private static MetricComparison[] adjusted(MetricComparison[] family, PValueAdjustment adjustment) {
    List<Integer> tested = new ArrayList<>();
    for (int i = 0; i < family.length; i++) {
      if (family[i] != null && family[i].tested()) {
        tested.add(i);
      }
    }
    double[] p = tested.stream().mapToDouble(i -> family[i].p()).toArray();
    double[] adjustedP = adjustment.adjust(p);
    MetricComparison[] result = family.clone();
    for (int k = 0; k < tested.size(); k++) {
      MetricComparison m = family[tested.get(k)];
      MetricComparison.Verdict verdict = !(adjustedP[k] < Welch.ALPHA) ? MetricComparison.Verdict.NO_SIGNIFICANT_CHANGE
          : m.changedForTheWorse() ? MetricComparison.Verdict.WORSE : MetricComparison.Verdict.BETTER;
      result[tested.get(k)] = new MetricComparison(m.metric(), m.unit(), m.scale(), m.higherIsBetter(), m.base(), m.candidate(),
          m.change(), m.changeLow(), m.changeHigh(), m.p(), adjustedP[k], m.hedgesG(), verdict, "");
    }
    return result;
  }

  /**
   * One metric of one cell, before adjustment; {@code null} when neither side measured it. Times and epochs to the
   * target are not compared when the two sides' targets differ: they would measure different things.
   */
  static MetricComparison compare(String metric, CellResult baseCell, CellResult newCell) {
    MetricComparison m = compare(metric, baseCell.metric(metric), newCell.metric(metric));
    Double baseTarget = baseCell.targetAccuracy();
    Double newTarget = newCell.targetAccuracy();
    if (m != null && m.measuredOnBoth() && metric.endsWith("ToTarget") && baseTarget != null && newTarget != null
        && !baseTarget.equals(newTarget)) {
      return untested(metric, m.unit(), m.scale(), m.higherIsBetter(), m.base(), m.candidate(), m.change(),
          MetricComparison.Verdict.CANNOT_TEST, String.format(java.util.Locale.ROOT,
              "the targets differ (%.2f %% on base, %.2f %% on new)", baseTarget * 100, newTarget * 100));
    }
    return m;
  }

  static MetricComparison compare(String metric, Optional<MetricResult> base, Optional<MetricResult> candidate) {
    if (base.isEmpty() && candidate.isEmpty()) {
      return null;
    }
    MetricResult known = base.or(() -> candidate).orElseThrow();
    boolean accuracy = "fraction".equals(known.unit());
    MetricComparison.Scale scale = accuracy ? MetricComparison.Scale.POINTS : MetricComparison.Scale.RELATIVE;
    double[] baseValues = base.map(MetricResult::rawValues).orElse(new double[0]);
    double[] newValues = candidate.map(MetricResult::rawValues).orElse(new double[0]);
    SampleStats baseStats = SampleStats.of(baseValues);
    SampleStats newStats = SampleStats.of(newValues);
    if (baseStats.isEmpty() || newStats.isEmpty()) {
      String side = baseStats.isEmpty() && newStats.isEmpty() ? "either side"
          : baseStats.isEmpty() ? "base" : "new";
      String reason = metric.endsWith("ToTarget") ? "no run reached the target on " + side
          : "no completed run on " + side;
      return untested(metric, known.unit(), scale, known.higherIsBetter(), baseStats, newStats, Double.NaN,
          MetricComparison.Verdict.MISSING, reason);
    }
    if (scale == MetricComparison.Scale.RELATIVE && (!positive(baseValues) || !positive(newValues))) {
      return untested(metric, known.unit(), scale, known.higherIsBetter(), baseStats, newStats, Double.NaN,
          MetricComparison.Verdict.CANNOT_TEST, "a value ≤ 0 has no relative change");
    }
    if (baseValues.length >= 2 && newValues.length >= 2 && constant(baseValues) && constant(newValues)) {
      // Identical values would give a spread of rounding noise (1e-17) rather than 0, and a meaningless test.
      return untested(metric, known.unit(), scale, known.higherIsBetter(), baseStats, newStats,
          fromTested(scale, scale == MetricComparison.Scale.POINTS ? newValues[0] - baseValues[0]
              : Math.log(newValues[0]) - Math.log(baseValues[0])),
          MetricComparison.Verdict.CANNOT_TEST, "no spread over seeds on either side");
    }
    SampleStats baseTested = scale == MetricComparison.Scale.POINTS ? baseStats : SampleStats.of(logs(baseValues));
    SampleStats newTested = scale == MetricComparison.Scale.POINTS ? newStats : SampleStats.of(logs(newValues));
    Welch welch = Welch.test(newTested, baseTested);
    double change = fromTested(scale, welch.difference());
    if (welch.verdict() == Welch.Verdict.TOO_FEW) {
      String sides = baseStats.n() < 2 && newStats.n() < 2 ? "base and new" : baseStats.n() < 2 ? "base" : "new";
      int n = baseStats.n() < 2 ? baseStats.n() : newStats.n();
      return untested(metric, known.unit(), scale, known.higherIsBetter(), baseStats, newStats, change,
          MetricComparison.Verdict.CANNOT_TEST, "n=" + n + " on " + sides);
    }
    if (welch.verdict() == Welch.Verdict.NO_VARIANCE) {
      return untested(metric, known.unit(), scale, known.higherIsBetter(), baseStats, newStats, change,
          MetricComparison.Verdict.CANNOT_TEST, "no spread over seeds on either side");
    }
    double[] interval = welch.differenceInterval95();
    return new MetricComparison(metric, known.unit(), scale, known.higherIsBetter(), baseStats, newStats, change,
        fromTested(scale, interval[0]), fromTested(scale, interval[1]), welch.p(), welch.p(), welch.hedgesG(),
        MetricComparison.Verdict.NO_SIGNIFICANT_CHANGE, "");
  }

  private static MetricComparison untested(String metric, String unit, MetricComparison.Scale scale, boolean higherIsBetter,
      SampleStats base, SampleStats candidate, double change, MetricComparison.Verdict verdict, String reason) {
    return new MetricComparison(metric, unit, scale, higherIsBetter, base, candidate, change, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, verdict, reason);
  }

  /** A difference on the tested scale (fractions, or mean logs) as the change the outputs show. */
  private static double fromTested(MetricComparison.Scale scale, double difference) {
    return scale == MetricComparison.Scale.POINTS ? difference : Math.expm1(difference);
  }

  private static boolean constant(double[] values) {
    for (double v : values) {
      if (v != values[0]) {
        return false;
      }
    }
    return true;
  }

  private static boolean positive(double[] values) {
    for (double v : values) {
      if (!(v > 0)) {
        return false;
      }
    }
    return true;
  }

  private static double[] logs(double[] values) {
    double[] logs = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      logs[i] = Math.log(values[i]);
    }
    return logs;
  }

  /** The matched cell called {@code label}, if any. */
  public Optional<CellComparison> cell(String label) {
    return cells.stream().filter(c -> c.label().equals(label)).findFirst();
  }
}
