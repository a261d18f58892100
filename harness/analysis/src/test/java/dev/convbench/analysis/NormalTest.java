package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values from SciPy 1.10.1, {@code scipy.stats.norm.cdf} and {@code norm.ppf}. */
class NormalTest {

  @Test
  void cdfMatchesSciPyInBothTails() {
    double[][] cases = {
        {-37, 5.7255712225239266e-300}, {-8, 6.22096057427174e-16}, {-3, 0.0013498980316300933},
        {-1.96, 0.024997895148220435}, {-0.5, 0.3085375387259869}, {0, 0.5}, {0.3, 0.6179114221889526},
        {1, 0.8413447460685429}, {2.5, 0.9937903346742238}, {6, 0.9999999990134123}};
    for (double[] c : cases) {
      assertEquals(c[1], Normal.cdf(c[0]), Math.abs(c[1]) * (c[0] < -8 ? 1e-11 : 1e-13), "Φ(" + c[0] + ")");
    }
  }

  @Test
  void quantileMatchesSciPy() {
    assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-13);
    assertEquals(0.8416212335729143, Normal.quantile(0.8), 1e-13);
    assertEquals(0, Normal.quantile(0.5), 0);
    assertEquals(-3.090232306167813, Normal.quantile(0.001), 1e-12);
    assertEquals(-6.361340902404056, Normal.quantile(1e-10), 1e-11);
    assertThrows(IllegalArgumentException.class, () -> Normal.quantile(1));
  }
}
