package dev.convbench.analysis;

import java.util.Optional;

/**
 * A plain-words reading of a standardized difference (Hedges' g, Cohen's d) by Cohen's conventions (J. Cohen,
 * <i>Statistical Power Analysis for the Behavioral Sciences</i>, 2nd ed., 1988): |g| &lt; 0.2 negligible, &lt; 0.5
 * small, &lt; 0.8 medium, else large. They are conventions, not facts about training runs: Cohen proposed them for
 * when nothing better is known. Seed-to-seed spread in a benchmark is often small, so a difference of a fraction of
 * a point can be "large" here; the report quotes the difference in its own unit beside it.
 */
public enum EffectSize {
  NEGLIGIBLE("negligible"),
  SMALL("small"),
  MEDIUM("medium"),
  LARGE("large");

  private final String word;

  EffectSize(String word) {
    this.word = word;
  }

  /** The reading of {@code g}; empty when {@code g} is not a number. */
  public static Optional<EffectSize> of(double g) {
    if (Double.isNaN(g)) {
      return Optional.empty();
    }
    double size = Math.abs(g);
    return Optional.of(size < 0.2 ? NEGLIGIBLE : size < 0.5 ? SMALL : size < 0.8 ? MEDIUM : LARGE);
  }

  /** The word: {@code negligible}, {@code small}, {@code medium}, {@code large}. */
  public String word() {
    return word;
  }
}
