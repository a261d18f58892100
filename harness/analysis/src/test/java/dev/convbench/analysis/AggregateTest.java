package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * MLPerf Training's time-to-train rule. Trimmed means and their standard errors from SciPy 1.10.1:
 * {@code stats.trim_mean(v, 1/n)} and {@code stats.mstats.trimmed_stde(v, limits=(1/n, 1/n))}, with
 * {@code stats.t.ppf(0.975, n - 3)}.
 */
class AggregateTest {

  @Test
  void belowFiveRunsItIsTheMeanWithItsTInterval() {
    Aggregate a = Aggregate.timeToTarget(20, 24, 31, 25);
    assertEquals(Aggregate.MEAN, a.method());
    assertEquals(25, a.value(), 1e-12);
    assertEquals(4, a.used());
    assertEquals(SampleStats.of(20, 24, 31, 25).halfWidth95(), a.halfWidth95(), 1e-9);
    assertFalse(a.trimmed());
  }

  @Test
  void fromFiveRunsTheFastestAndSlowestAreDropped() {
    Aggregate a = Aggregate.timeToTarget(5.0, 3, 9, 4, 4.5);
    assertEquals(Aggregate.MLPERF_TRIMMED_MEAN, a.method());
    assertEquals(4.5, a.value(), 1e-12, "(4 + 4.5 + 5) / 3: the 3 and the 9 dropped");
    assertEquals(3, a.used());
    assertEquals(5, a.n());
    assertEquals(4.302652729911275 * 0.3726779962499649, a.halfWidth95(), 1e-9);

    Aggregate seven = Aggregate.timeToTarget(30.1, 28.4, 35.0, 29.9, 31.2, 40.5, 27.7);
    assertEquals(30.920000000000005, seven.value(), 1e-12, "one run dropped at each end, also with 7");
    assertEquals(2.7764451051977987 * 1.4878620007693366, seven.halfWidth95(), 1e-9);
    assertTrue(seven.trimmed());
  }

  @Test
  void identicalRunsHaveNoSpread() {
    Aggregate a = Aggregate.timeToTarget(2, 2, 3, 2, 2, 2);
    assertEquals(2, a.value(), 0);
    assertEquals(0, a.halfWidth95(), 0);
  }

  @Test
  void noValueNoScore() {
    assertTrue(Double.isNaN(Aggregate.timeToTarget().value()));
    assertEquals(0, Aggregate.timeToTarget().n());
  }
}
