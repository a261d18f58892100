package dev.convbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.ConfusionMatrix;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ChanceLevelTest {

  @Test
  void tenClassesAreAtChanceBelow14Point5Percent() {
    assertEquals(0.145, ChanceLevel.threshold(10), 1e-15);
    assertEquals(0.525, ChanceLevel.threshold(2), 1e-15);
    assertTrue(ChanceLevel.atChance(SampleStats.of(0.10, 0.10, 0.10), 10), "one class for every image");
    // The baseline-cnn: 11.00 ± 1.88 % over 24 seeds. Its 95 % interval, [10.21, 11.79] %, excludes 10 %,
    // and yet it did not learn: the margin rule calls it at chance.
    SampleStats barely = new SampleStats(24, 0.11, 0.0188);
    assertTrue(barely.mean() - barely.halfWidth95() > 0.10, "the interval excludes chance");
    assertTrue(ChanceLevel.atChance(barely, 10));
    assertFalse(ChanceLevel.atChance(SampleStats.of(0.15, 0.16), 10));
    assertFalse(ChanceLevel.atChance(SampleStats.of(), 10), "no runs: no claim");
  }

  @Test
  void aMatrixWithOneNonEmptyColumnPredictsASingleClass() {
    long[][] single = new long[10][10];
    long[][] two = new long[10][10];
    for (int i = 0; i < 10; i++) {
      single[i][3] = 1000;
      two[i][i % 2] = 1000;
    }
    assertEquals(OptionalInt.of(3), ChanceLevel.singleClass(new ConfusionMatrix(1, single)));
    assertEquals(OptionalInt.empty(), ChanceLevel.singleClass(new ConfusionMatrix(1, two)));
    assertEquals(OptionalInt.empty(), ChanceLevel.singleClass(new ConfusionMatrix(1, new long[10][10])),
        "no image");
  }
}
