package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Expected values from statsmodels 0.13.5 (Debian's python3-statsmodels), {@code multipletests(p, method='holm')[1]}.
 * statsmodels has no notion of a test that did not run: for the NaN cases the expected values are its result on the
 * p-values that are numbers, placed back where they were, NaN elsewhere.
 */
class HolmTest {

  private static void assertHolm(double[] expected, double[] p) {
    assertArrayEquals(expected, Holm.adjust(p), 1e-15);
  }

  @Test
  void matchesStatsmodels() {
    assertHolm(new double[] {0.03, 0.06, 0.06, 0.02}, new double[] {0.01, 0.04, 0.03, 0.005});
    assertHolm(new double[] {0.9, 0.9, 0.9}, new double[] {0.3, 0.4, 0.5});
    assertHolm(new double[] {0.0, 1.0, 0.098}, new double[] {0.0, 1.0, 0.049});
  }

  @Test
  void thePublishedExamplesEightDistinctTestsAllLoseTheirDifference() {
    // The why-skip-connections-cpu report's findings and baseline column, two seeds per cell: 8 distinct tests.
    double[] p = {0.015, 0.014, 0.361, 0.136, 0.019, 0.068, 0.024, 0.014};
    assertHolm(new double[] {0.112, 0.112, 0.361, 0.272, 0.112, 0.204, 0.112, 0.112}, p);
    for (double adjusted : Holm.adjust(p)) {
      assertFalse(adjusted < Welch.ALPHA, "none is called after adjustment");
    }
  }

  @Test
  void tiedPValuesGetTheSameAdjustedValue() {
    // statsmodels: [0.08, 0.08, 0.05, 0.5, 0.08]
    assertHolm(new double[] {0.08, 0.08, 0.05, 0.5, 0.08}, new double[] {0.02, 0.02, 0.01, 0.5, 0.02});
  }

  @Test
  void aTestThatDidNotRunIsLeftOutOfTheFamily() {
    // statsmodels on [0.01, 0.04, 0.03]: [0.03, 0.06, 0.06]; the NaN is not counted in m = 3.
    double[] p = {0.01, Double.NaN, 0.04, 0.03};
    double[] adjusted = Holm.adjust(p);
    assertEquals(0.03, adjusted[0], 1e-15);
    assertTrue(Double.isNaN(adjusted[1]));
    assertEquals(0.06, adjusted[2], 1e-15);
    assertEquals(0.06, adjusted[3], 1e-15);
    assertEquals(3, Holm.familySize(p));
    assertTrue(Double.isNaN(Holm.adjust(new double[] {Double.NaN})[0]), "only NaN: an empty family");
  }

  @Test
  void aFamilyOfOneOrNoneChangesNothing() {
    assertHolm(new double[] {0.02}, new double[] {0.02});
    assertEquals(0, Holm.adjust(new double[0]).length);
  }

  @Test
  void refusesValuesThatAreNotProbabilities() {
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {0.1, 1.2}));
    assertThrows(IllegalArgumentException.class, () -> Holm.adjust(new double[] {-0.01}));
  }

  @Test
  void aFamilyCountsATestMadeTwiceOnceAndRefusesLateMembers() {
    TestFamily family = new TestFamily();
    double[] a = {0.80, 0.84, 0.82};
    double[] b = {0.70, 0.75, 0.71};
    Comparison ab = family.compare("final accuracy: a, b", a, b);
    Comparison ba = family.compare("final accuracy: a, b", b, a);
    Comparison flat = family.compare("one run", new double[] {0.5}, new double[] {0.4, 0.6});
    Comparison other = family.compare("training time: a, b", new double[] {10, 12, 11}, new double[] {20, 26, 23});
    assertFalse(flat.tested(), "n=1: not a member");
    assertEquals(2, family.size(), "the same hypothesis twice counts once; the untested is left out");
    double[] expected = Holm.adjust(new double[] {ab.p(), other.p()});
    assertEquals(expected[0], ab.adjustedP(), 1e-15);
    assertEquals(expected[0], ba.adjustedP(), 1e-15, "either direction, one test");
    assertEquals(expected[1], other.adjustedP(), 1e-15);
    assertEquals(2, other.familySize());
    assertTrue(Double.isNaN(flat.adjustedP()));
    assertThrows(IllegalStateException.class, () -> family.compare("late", a, b), "adjusted values already read");
  }

  @Test
  void aKeyReusedForOtherSamplesIsRefused() {
    TestFamily family = new TestFamily();
    family.compare("k", new double[] {1, 2, 3}, new double[] {4, 5, 7});
    assertThrows(IllegalArgumentException.class,
        () -> family.compare("k", new double[] {1, 2, 3}, new double[] {9, 5, 7}));
  }
}
