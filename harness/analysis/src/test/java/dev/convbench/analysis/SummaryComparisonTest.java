package dev.convbench.analysis;

import static dev.convbench.analysis.SummaryFixture.cell;
import static dev.convbench.analysis.SummaryFixture.summary;
import static dev.convbench.analysis.SummaryFixture.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two summaries compared cell by cell. Reference numbers are SciPy 1.17.1's
 * {@code scipy.stats.ttest_ind(new, base, equal_var=False)} (p-value and {@code confidence_interval(0.95)}; for
 * times on {@code numpy.log} of the values, the interval's ends through {@code numpy.expm1}); Hedges' g computed in
 * NumPy from its definition (pooled standard deviation, correction 1 − 3 / (4 (n₁ + n₂) − 9)).
 */
class SummaryComparisonTest {

  private static final ExperimentSummary BASE = summary("base",
      cell("drops", v(0.60, 0.62, 0.61, 0.63), MetricResult.STEP_SECONDS, v(0.040, 0.041, 0.042)),
      cell("steady", v(0.50, 0.55), MetricResult.STEP_SECONDS, v(0.040, 0.041, 0.0395)),
      cell("one-seed", v(0.40)),
      cell("gone", v(0.30, 0.31)));

  private static final ExperimentSummary NEW = summary("new",
      cell("steady", v(0.52, 0.51), MetricResult.STEP_SECONDS, v(0.0405, 0.0398, 0.0412)),
      cell("drops", v(0.57, 0.58, 0.56, 0.59), MetricResult.STEP_SECONDS, v(0.046, 0.047, 0.045)),
      cell("one-seed", v(0.45, 0.47)),
      cell("added", v(0.30, 0.31)));

  private final SummaryComparison comparison = SummaryComparison.of(BASE, NEW, PValueAdjustment.NONE);

  private MetricComparison metric(String cell, String metric) {
    return comparison.cell(cell).orElseThrow().metric(metric).orElseThrow();
  }

  @Test
  void cellsAreMatchedByLabelInTheBasesOrderAndOneSidedCellsAreListed() {
    assertEquals(List.of("drops", "steady", "one-seed"), comparison.cells().stream().map(CellComparison::label)
        .toList());
    assertEquals(List.of("gone"), comparison.onlyInBase());
    assertEquals(List.of("added"), comparison.onlyInNew());
  }

  @Test
  void anAccuracyDropIsInPercentagePointsWithWelchsIntervalPAndG() {
    MetricComparison m = metric("drops", MetricResult.FINAL_ACCURACY);
    assertEquals(MetricComparison.Scale.POINTS, m.scale());
    assertEquals(-0.040000000000000036, m.change(), 1e-12);
    assertEquals(-0.06233714695164706, m.changeLow(), 1e-9);
    assertEquals(-0.017662853048353005, m.changeHigh(), 1e-9);
    assertEquals(0.004659214943993894, m.p(), 1e-9);
    assertEquals(m.p(), m.adjustedP(), "no adjustment");
    assertEquals(-2.6942492843182078, m.hedgesG(), 1e-9);
    assertEquals(MetricComparison.Verdict.WORSE, m.verdict());
    assertEquals("-4.00 pp", ComparisonFormats.change(m));
    assertEquals("[-6.23, -1.77] pp", ComparisonFormats.interval(m));
  }

  @Test
  void aStepTimeChangeIsARatioOfGeometricMeansTestedOnLogs() {
    MetricComparison slower = metric("drops", MetricResult.STEP_SECONDS);
    assertEquals(MetricComparison.Scale.RELATIVE, slower.scale());
    assertEquals(0.12199698091387544, slower.change(), 1e-9);
    assertEquals(0.06444555301907004, slower.changeLow(), 1e-9);
    assertEquals(0.18266004457373874, slower.changeHigh(), 1e-9);
    assertEquals(0.003809691414058334, slower.p(), 1e-9);
    assertEquals(3.9852152307938287, slower.hedgesG(), 1e-9);
    assertEquals(MetricComparison.Verdict.WORSE, slower.verdict(), "a longer step is worse");
    assertEquals("+12.2 %", ComparisonFormats.change(slower));
    assertEquals("[+6.4, +18.3] %", ComparisonFormats.interval(slower));

    MetricComparison same = metric("steady", MetricResult.STEP_SECONDS);
    assertEquals(0.00831939879701788, same.change(), 1e-9);
    assertEquals(0.6060395801358448, same.p(), 1e-9);
    assertEquals(MetricComparison.Verdict.NO_SIGNIFICANT_CHANGE, same.verdict());
  }

  @Test
  void anInsignificantChangeIsNoSignificantChange() {
    MetricComparison m = metric("steady", MetricResult.FINAL_ACCURACY);
    assertEquals(-0.010000000000000009, m.change(), 1e-12);
    assertEquals(-0.2824660737033574, m.changeLow(), 1e-9);
    assertEquals(0.2624660737033574, m.changeHigh(), 1e-9);
    assertEquals(0.7581813641433786, m.p(), 1e-9);
    assertEquals(-0.22413272587221028, m.hedgesG(), 1e-9);
    assertEquals(MetricComparison.Verdict.NO_SIGNIFICANT_CHANGE, m.verdict());
    assertEquals("no significant change", m.verdictText());
  }

  @Test
  void oneRunOnASideCannotBeTestedButItsChangeIsShown() {
    MetricComparison m = metric("one-seed", MetricResult.FINAL_ACCURACY);
    assertEquals(MetricComparison.Verdict.CANNOT_TEST, m.verdict());
    assertEquals("cannot test: n=1 on base", m.verdictText());
    assertEquals(0.06, m.change(), 1e-12);
    assertTrue(Double.isNaN(m.p()) && Double.isNaN(m.changeLow()) && Double.isNaN(m.hedgesG()));
  }

  @Test
  void identicalValuesOnBothSidesHaveNoSpreadAndAreNotTested() {
    // Three equal accuracies average to 0.10000000000000002: a spread of rounding noise, not a measurement.
    SummaryComparison c = SummaryComparison.of(summary("b", cell("x", v(0.1, 0.1, 0.1))),
        summary("n", cell("x", v(0.1, 0.1, 0.1))), PValueAdjustment.NONE);
    MetricComparison m = c.cells().get(0).metric(MetricResult.FINAL_ACCURACY).orElseThrow();
    assertEquals("cannot test: no spread over seeds on either side", m.verdictText());
    assertEquals(0, m.change());
  }

  @Test
  void aMetricOneSideLacksIsMissingAndOneNeitherHasIsLeftOut() {
    SummaryComparison c = SummaryComparison.of(summary("b", cell("x", v(0.5, 0.6), MetricResult.SECONDS_TO_TARGET, v(10, 12))),
        summary("n", cell("x", v(0.5, 0.6))), PValueAdjustment.NONE);
    MetricComparison m = c.cells().get(0).metric(MetricResult.SECONDS_TO_TARGET).orElseThrow();
    assertEquals(MetricComparison.Verdict.MISSING, m.verdict());
    assertEquals("no run reached the target on new", m.verdictText());
    assertTrue(c.cells().get(0).metric(MetricResult.STEP_SECONDS).isEmpty());
  }

  @Test
  void timesToDifferentTargetsAreNotCompared() {
    SummaryComparison c = SummaryComparison.of(summary("b", cell("x", v(0.5, 0.6), MetricResult.SECONDS_TO_TARGET, v(10, 12))),
        summary("n", SummaryFixture.withTarget(cell("x", v(0.5, 0.6), MetricResult.SECONDS_TO_TARGET, v(20, 24)),
            0.3)), PValueAdjustment.NONE);
    MetricComparison m = c.cells().get(0).metric(MetricResult.SECONDS_TO_TARGET).orElseThrow();
    assertEquals("cannot test: the targets differ (20.00 % on base, 30.00 % on new)", m.verdictText());
    assertTrue(Double.isNaN(m.p()));
  }

  @Test
  void eachMetricsPValuesAreAdjustedTogetherOverTheCellsAndTheVerdictReadsTheAdjustedOnes() {
    List<double[]> families = new java.util.ArrayList<>();
    PValueAdjustment timesTen = new PValueAdjustment() {
      @Override
      public String name() {
        return "times ten";
      }

      @Override
      public double[] adjust(double[] p) {
        families.add(p.clone());
        return java.util.Arrays.stream(p).map(x -> Math.min(1, x * 10)).toArray();
      }
    };
    SummaryComparison c = SummaryComparison.of(BASE, NEW, timesTen);
    assertEquals("times ten", c.adjustment());
    // One family per metric, holding the tested cells' p-values in cell order ("one-seed" is not tested).
    assertArrayEquals(new double[] {0.004659214943993894, 0.7581813641433786}, families.get(0), 1e-9);
    MetricComparison drop = c.cell("drops").orElseThrow().metric(MetricResult.FINAL_ACCURACY).orElseThrow();
    assertEquals(0.04659214943993894, drop.adjustedP(), 1e-9);
    assertEquals(MetricComparison.Verdict.WORSE, drop.verdict(), "0.047 < 0.05");
    MetricComparison slower = c.cell("drops").orElseThrow().metric(MetricResult.STEP_SECONDS).orElseThrow();
    assertEquals(MetricComparison.Verdict.WORSE, slower.verdict(), "0.038 < 0.05");
    assertEquals(0.004659214943993894, drop.p(), 1e-9, "the raw p-value is kept");
  }
}
