package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values: closed forms where they exist, else published tables (t quantiles) and R / SciPy results. */
class StudentTTest {

  @Test
  void logGammaMatchesFactorialsAndHalfIntegers() {
    assertEquals(0, StudentT.logGamma(1), 1e-14);
    assertEquals(0, StudentT.logGamma(2), 1e-14);
    assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13);
    assertEquals(Math.log(362880), StudentT.logGamma(10), 1e-12);
    assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-13, "Γ(½) = √π");
    assertEquals(Math.log(0.75 * Math.sqrt(Math.PI)), StudentT.logGamma(2.5), 1e-13, "Γ(5/2) = ¾√π");
    assertEquals(Math.log(120) + Math.log(1e-3), StudentT.logGamma(1e-3) + Math.log(120) + Math.log(1e-3)
        - StudentT.logGamma(1e-3), 1e-12);
    assertEquals(857.9336698258574, StudentT.logGamma(200), 1e-9, "ln 199!");
    assertThrows(IllegalArgumentException.class, () -> StudentT.logGamma(0));
  }

  @Test
  void incompleteBetaMatchesClosedForms() {
    for (double x : new double[] {0.01, 0.2, 0.5, 0.77, 0.99}) {
      assertEquals(1 - Math.pow(1 - x, 3), StudentT.regularizedIncompleteBeta(x, 1, 3), 1e-13, "I_x(1, b)");
      assertEquals(Math.pow(x, 2.5), StudentT.regularizedIncompleteBeta(x, 2.5, 1), 1e-13, "I_x(a, 1)");
      assertEquals(2 / Math.PI * Math.asin(Math.sqrt(x)), StudentT.regularizedIncompleteBeta(x, 0.5, 0.5), 1e-13,
          "arcsine distribution");
    }
    assertEquals(0.5, StudentT.regularizedIncompleteBeta(0.5, 7.3, 7.3), 1e-13, "symmetry");
    assertEquals(0, StudentT.regularizedIncompleteBeta(0, 2, 3));
    assertEquals(1, StudentT.regularizedIncompleteBeta(1, 2, 3));
  }

  @Test
  void incompleteBetaMatchesReferenceValues() {
    // SciPy 1.17 scipy.special.betainc(a, b, x)
    assertEquals(0.018927124071945658, StudentT.regularizedIncompleteBeta(0.3, 2.5, 0.5), 1e-13);
    assertEquals(0.5583457484800002, StudentT.regularizedIncompleteBeta(0.8, 10, 3), 1e-13);
    assertEquals(0.20483276469913345, StudentT.regularizedIncompleteBeta(0.1, 0.5, 0.5), 1e-13);
    assertEquals(0.4642352914306031, StudentT.regularizedIncompleteBeta(0.45, 50, 60), 1e-11);
  }

  @Test
  void cdfMatchesClosedFormsAndReferenceValues() {
    // One degree of freedom is the Cauchy distribution; two have a closed form.
    for (double t : new double[] {-3, -0.5, 0, 1, 4}) {
      assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-13, "Cauchy at " + t);
      assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), StudentT.cdf(t, 2), 1e-13, "df=2 at " + t);
    }
    // scipy.stats.t.cdf
    assertEquals(0.8847080673775886, StudentT.cdf(1.5, 3), 1e-12);
    assertEquals(0.042809664281488025, StudentT.cdf(-2.0, 7), 1e-12);
    assertEquals(0.6063288142524014, StudentT.cdf(0.3, 2.5), 1e-12, "non-integer df");
    assertEquals(1, StudentT.cdf(Double.POSITIVE_INFINITY, 4));
  }

  @Test
  void quantilesMatchTheTTable() {
    // Two-sided 95 % critical values, as printed in every t table (and scipy.stats.t.ppf(0.975, df)).
    assertEquals(12.706204736174694, StudentT.quantile(0.975, 1), 1e-9);
    assertEquals(4.302652729749462, StudentT.quantile(0.975, 2), 1e-10);
    assertEquals(2.7764451051977934, StudentT.quantile(0.975, 4), 1e-10);
    assertEquals(2.228138851986274, StudentT.quantile(0.975, 10), 1e-10);
    assertEquals(2.0422724563012378, StudentT.quantile(0.975, 30), 1e-10);
    assertEquals(1.9623390808264083, StudentT.quantile(0.975, 1000), 1e-9);
    assertEquals(-StudentT.quantile(0.975, 5), StudentT.quantile(0.025, 5), 1e-12);
    assertEquals(0, StudentT.quantile(0.5, 3));
  }

  @Test
  void welchMatchesR() {
    // R: t.test(1:5, 6:10) → t = -5, df = 8, p-value = 0.001053
    Welch w = Welch.test(SampleStats.of(1, 2, 3, 4, 5), SampleStats.of(6, 7, 8, 9, 10));
    assertEquals(-5, w.t(), 1e-12);
    assertEquals(8, w.df(), 1e-12);
    assertEquals(0.0010528257933665399, w.p(), 1e-12);
    assertTrue(w.different());
    assertEquals("Welch's t-test: t = -5.00, df = 8.0, p = 0.0011", w.describe());
  }

  @Test
  void welchWithUnequalVariancesAndSizes() {
    // scipy.stats.ttest_ind(a, b, equal_var=False)
    Welch w = Welch.test(SampleStats.of(1, 2, 3), SampleStats.of(2, 4, 6, 8));
    assertEquals(-2.121320343559643, w.t(), 1e-12);
    assertEquals(4.0754716981132075, w.df(), 1e-12);
    assertEquals(0.09991286431180087, w.p(), 1e-10);
    assertEquals(Welch.Verdict.NOT_SIGNIFICANT, w.verdict());

    Welch accuracies = Welch.test(SampleStats.of(0.80, 0.84, 0.83), SampleStats.of(0.70, 0.90));
    assertEquals(0.23166618731252311, accuracies.t(), 1e-10);
    assertEquals(1.0289901855917498, accuracies.df(), 1e-10);
    assertEquals(0.8542442701552725, accuracies.p(), 1e-9);

    Welch seconds = Welch.test(SampleStats.of(10.1, 10.3, 9.9, 10.2), SampleStats.of(12.5, 13.1, 12.8));
    assertEquals(-13.85217244926753, seconds.t(), 1e-9);
    assertEquals(2.9732747687834467, seconds.df(), 1e-9);
    assertEquals(0.0008530403933228628, seconds.p(), 1e-11);
    assertEquals("Welch's t-test: t = -13.85, df = 3.0, p < 0.001", seconds.describe());
  }

  @Test
  void welchMakesNoClaimWithOneRunOrNoSpread() {
    Welch one = Welch.test(SampleStats.of(0.9), SampleStats.of(0.5, 0.6));
    assertEquals(Welch.Verdict.TOO_FEW, one.verdict());
    assertEquals("n=1: no claim of difference", one.describe());
    Welch flat = Welch.test(SampleStats.of(3, 3), SampleStats.of(5, 5, 5));
    assertEquals(Welch.Verdict.NO_VARIANCE, flat.verdict());
    assertTrue(flat.describe().contains("no claim of difference"));
  }

  @Test
  void confidenceIntervalUsesTWithNMinusOneDegreesOfFreedom() {
    SampleStats s = SampleStats.of(0.80, 0.84);
    assertEquals(12.706204736174694 * s.std() / Math.sqrt(2), s.halfWidth95(), 1e-9);
    assertTrue(Double.isNaN(SampleStats.of(0.5).halfWidth95()), "n=1: no interval");
  }

  @Test
  void differenceIntervalAndEffectSizeMatchReferenceValues() {
    // Reference: SciPy 1.17.1, ttest_ind(a, b, equal_var=False) gives t = 6.324555, df = 4.655172; its interval
    // with t.ppf(0.975, df) is 0.058433–0.141567; Hedges' g from the pooled SD with J = 1 − 3/19 is 4.014579.
    Welch w = Welch.test(SampleStats.of(0.80, 0.84, 0.82), SampleStats.of(0.70, 0.75, 0.71, 0.72));
    assertEquals(6.324555, w.t(), 1e-6);
    assertEquals(4.655172, w.df(), 1e-6);
    assertEquals(0.0018872, w.p(), 1e-7);
    double[] interval = w.differenceInterval95();
    assertEquals(0.058433, interval[0], 1e-6);
    assertEquals(0.141567, interval[1], 1e-6);
    assertEquals(4.014579, w.hedgesG(), 1e-6);
    assertEquals(0, Welch.test(SampleStats.of(1), SampleStats.of(1, 2)).differenceInterval95().length);
  }
}
