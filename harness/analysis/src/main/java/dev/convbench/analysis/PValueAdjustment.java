package dev.convbench.analysis;

/**
 * How the p-values of one family of tests (one metric over every cell two summaries share) are adjusted for
 * multiple comparisons before any verdict or gate reads them. {@link SummaryComparison#of} calls {@link #adjust} once per
 * family, and only there.
 */
public interface PValueAdjustment {

  /** No adjustment: each p-value is read on its own. */
  PValueAdjustment NONE = new PValueAdjustment() {
    @Override
    public String name() {
      return "none";
    }

    @Override
    public double[] adjust(double[] p) {
      return p.clone();
    }
  };

  /**
   * Holm–Bonferroni ({@link Holm}): the family-wise error rate over the family's tests stays at α, so a gate over
   * many cells does not fail by chance more often than one over a single cell.
   */
  PValueAdjustment HOLM = new PValueAdjustment() {
    @Override
    public String name() {
      return "Holm–Bonferroni";
    }

    @Override
    public double[] adjust(double[] p) {
      return Holm.adjust(p);
    }
  };

  /** How outputs name the adjustment, e.g. {@code none}. */
  String name();

  /**
   * The adjusted p-values of one family, in the order given; {@code p} holds no {@code NaN} and is not modified.
   */
  double[] adjust(double[] p);
}
