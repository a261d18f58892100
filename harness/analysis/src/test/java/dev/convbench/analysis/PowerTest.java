package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Expected values from statsmodels 0.13.5 (Debian's python3-statsmodels), {@code TTestIndPower}:
 * {@code power(effect_size=d, nobs1=n1, alpha=0.05, ratio=n2/n1)} and
 * {@code solve_power(effect_size=d, alpha=0.05, power=0.8, ratio=1)}, whose fractional answer rounds up to the seeds
 * per cell.
 */
class PowerTest {

  @Test
  void powerMatchesStatsmodels() {
    Object[][] cases = {
        {1.0, 2, 2, 0.09520175549157205}, {1.0, 5, 5, 0.28629549342627775}, {0.5, 20, 20, 0.33793902869253206},
        {2.0, 3, 3, 0.46264081189130507}, {1.5, 2, 7, 0.36591390873489}, {0.8, 24, 24, 0.7742906889535387},
        {3.0, 2, 2, 0.38740012850547967}, {0.3, 100, 100, 0.5600592535817961}, {1.0, 1, 2, 0.06572321839334902}};
    for (Object[] c : cases) {
      double d = (double) c[0];
      int n1 = (int) c[1];
      int n2 = (int) c[2];
      assertEquals((double) c[3], Power.twoSampleT(d, n1, n2, 0.05), 1e-7, "d=" + d + ", n=" + n1 + "+" + n2);
      assertEquals((double) c[3], Power.twoSampleT(-d, n2, n1, 0.05), 1e-7, "symmetric");
    }
    assertEquals(0.05, Power.twoSampleT(0, 10, 10, 0.05), 1e-7, "no difference: the level");
  }

  @Test
  void seedsPerCellMatchStatsmodelsRoundedUp() {
    double[][] cases = {
        {0.2, 393.4056930002516}, {0.35, 129.11207660478317}, {0.5, 63.765610587854056},
        {0.8, 25.524571808897946}, {1.0, 16.714722446954017}, {1.5, 8.060294283892878},
        {2.0, 5.089994567882907}, {3.0, 3.0700080636336455}, {5.0, 2.117220030990755}};
    for (double[] c : cases) {
      assertEquals(OptionalInt.of((int) Math.ceil(c[1])), Power.seedsPerGroup(c[0], 0.05, 0.8, 1000), "d=" + c[0]);
    }
    assertEquals(OptionalInt.of(2), Power.seedsPerGroup(40, 0.05, 0.8, 100), "never fewer than two");
  }

  @Test
  void tinyEffectsAreCappedAndZeroNeverDetected() {
    assertFalse(Power.seedsPerGroup(0.2, 0.05, 0.8, 100).isPresent(), "394 > 100");
    assertFalse(Power.seedsPerGroup(0.35, 0.05, 0.8, 100).isPresent(), "130 > 100");
    assertEquals(OptionalInt.of(64), Power.seedsPerGroup(0.5, 0.05, 0.8, 100));
    assertFalse(Power.seedsPerGroup(0, 0.05, 0.8, 100).isPresent());
    assertFalse(Power.seedsPerGroup(Double.NaN, 0.05, 0.8, 100).isPresent());
  }

  @Test
  void aComparisonSaysHowManySeedsItsObservedDifferenceNeeds() {
    // Means 0.82 and 0.80, both with std 0.02: d = 1.0 → 17 seeds per cell; power at 3 + 3 far below 80 %.
    Comparison c = Comparison.of(new double[] {0.80, 0.82, 0.84}, new double[] {0.78, 0.80, 0.82});
    assertEquals(1.0, c.standardizedDifference(), 1e-12);
    assertEquals(OptionalInt.of(17), c.seedsFor80PercentPower());
    assertTrue(c.power() < 0.3, "power " + c.power());
    assertFalse(c.called());
    assertTrue(c.lowPower());
    Comparison flat = Comparison.of(new double[] {0.1, 0.1}, new double[] {0.1, 0.1});
    assertFalse(flat.seedsComputable(), "no spread: no standardized difference");
    assertFalse(flat.lowPower());
  }
}
