package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ProbabilityOfImprovementTest {

  /**
   * Intervals computed from Newcombe's method 5 as published (his variance with N* = (m + n)/2 − 1, both limits as
   * roots of |θ̂ − θ| = z√V(θ)) with SciPy 1.10.1's {@code brentq} (xtol 1e-15) and {@code norm.ppf(0.975)}: an
   * independent implementation of the same formula, not a library's method.
   */
  @Test
  void estimateAndIntervalMatchNewcombesMethod5() {
    assertInterval(1.0, 0.38563570449716633, 1.0, new double[] {0.80, 0.84}, new double[] {0.70, 0.75});
    assertInterval(0.6666666666666666, 0.2448885222948642, 0.9215344669506111, new double[] {1, 2, 3},
        new double[] {2, 2, 0});
    assertInterval(0.5, 0.1668643268241947, 0.8331356731758053, new double[] {0.5, 0.6, 0.7, 0.55},
        new double[] {0.52, 0.58, 0.66});
    assertInterval(0.0, 0.0, 0.7934506856227622, new double[] {0.1}, new double[] {0.2});
    assertInterval(0.5, 0.15277353611043423, 0.8472264638895658, new double[] {0.2, 0.2, 0.2},
        new double[] {0.2, 0.2, 0.2});
  }

  private static void assertInterval(double estimate, double low, double high, double[] a, double[] b) {
    ProbabilityOfImprovement p = ProbabilityOfImprovement.of(a, b);
    assertEquals(estimate, p.estimate(), 1e-15);
    assertEquals(low, p.low(), 1e-12);
    assertEquals(high, p.high(), 1e-12);
    ProbabilityOfImprovement reversed = ProbabilityOfImprovement.of(b, a);
    assertEquals(1 - estimate, reversed.estimate(), 1e-15, "P(B > A) = 1 − P(A > B)");
    assertEquals(1 - high, reversed.low(), 1e-12, "and its interval mirrors");
  }

  @Test
  void tiesCountHalfAndAnEmptySideHasNoEstimate() {
    assertEquals(7.0 / 9, ProbabilityOfImprovement.of(new double[] {1, 2, 3}, new double[] {0, 1, 2}).estimate(),
        1e-15, "3 beats all three, 2 beats 0 and 1 and ties 2, 1 beats 0 and ties 1: (3 + 2.5 + 1.5) / 9");
    assertFalse(ProbabilityOfImprovement.of(new double[0], new double[] {1}).isDefined());
  }

  /** For normal samples, P(A > B) = Φ((μa − μb) / √(σa² + σb²)); the estimate converges to it. */
  @Test
  void estimateApproachesTheNormalClosedFormForLargeSamples() {
    Random random = new Random(20_240_601L);
    double muA = 0.75;
    double muB = 0.72;
    double sigmaA = 0.02;
    double sigmaB = 0.03;
    double expected = Normal.cdf((muA - muB) / Math.sqrt(sigmaA * sigmaA + sigmaB * sigmaB));
    double[] a = normal(random, 3000, muA, sigmaA);
    double[] b = normal(random, 3000, muB, sigmaB);
    ProbabilityOfImprovement p = ProbabilityOfImprovement.of(a, b);
    assertEquals(expected, p.estimate(), 0.01, "Φ(0.832) = " + expected);
    assertTrue(p.low() < expected && expected < p.high(), p.toString());
    assertTrue(p.high() - p.low() < 0.04, "narrow at n = 3000: " + p);
  }

  /**
   * Coverage by simulation: 1,000 pairs of normal samples of 10 per side, for a true P(A > B) of 0.5, 0.76 and 0.92.
   * The 95 % intervals should contain the true value about 95 % of the time; with 1,000 replicates the estimate of
   * the coverage has a standard error of 0.7 points, so [92.5 %, 97.5 %] is more than three of them either side.
   */
  @Test
  void intervalCoversTheTrueValueAbout95PercentOfTheTimeAtTenSeedsPerSide() {
    Random random = new Random(42);
    for (double shift : new double[] {0, 1, 2}) {
      double truth = Normal.cdf(shift / Math.sqrt(2));
      int covered = 0;
      for (int replicate = 0; replicate < 1000; replicate++) {
        ProbabilityOfImprovement p = ProbabilityOfImprovement.of(normal(random, 10, shift, 1),
            normal(random, 10, 0, 1));
        if (p.low() <= truth && truth <= p.high()) {
          covered++;
        }
      }
      double coverage = covered / 1000.0;
      assertTrue(coverage >= 0.925 && coverage <= 0.975, "true P = " + truth + ": coverage " + coverage);
    }
  }

  private static double[] normal(Random random, int n, double mean, double sd) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = mean + sd * random.nextGaussian();
    }
    return values;
  }
}
