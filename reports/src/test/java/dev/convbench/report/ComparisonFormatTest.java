package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.analysis.Comparison;
import org.junit.jupiter.api.Test;

class ComparisonFormatTest {

  @Test
  void oneRunOnEachSideGetsTheDifferenceButNoProbabilityOfImprovement() {
    String text = ComparisonFormat.statistics(Comparison.of(new double[] {0.336}, new double[] {0.318}),
        ComparisonFormat.Unit.PERCENTAGE_POINTS, "resnet18", "baseline-cnn");
    assertEquals("difference +1.80 pp; n=1: no claim of difference", text);
  }

  @Test
  void twoRunsOnOneSideGetTheProbabilityOfImprovementWithItsInterval() {
    String text = ComparisonFormat.statistics(Comparison.of(new double[] {0.336, 0.34}, new double[] {0.318}),
        ComparisonFormat.Unit.PERCENTAGE_POINTS, "resnet18", "baseline-cnn");
    assertTrue(text.contains("P(resnet18 > baseline-cnn) = 1.00 (95 % CI "), text);
  }
}
