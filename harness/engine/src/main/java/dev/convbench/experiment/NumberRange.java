package dev.convbench.experiment;

import java.util.Optional;

/**
 * The numbers a setting accepts: an interval, each end open or closed or absent. One value both checks numbers and
 * states them in the JSON Schema.
 *
 * @param min the lower end, if any
 * @param minInclusive whether {@code min} itself is in the range
 * @param max the upper end, if any
 * @param maxInclusive whether {@code max} itself is in the range
 */
record NumberRange(Optional<Double> min, boolean minInclusive, Optional<Double> max, boolean maxInclusive) {

  /** Greater than {@code min}. */
  static NumberRange above(double min) {
    return new NumberRange(Optional.of(min), false, Optional.empty(), false);
  }

  /** At least {@code min}. */
  static NumberRange atLeast(double min) {
    return new NumberRange(Optional.of(min), true, Optional.empty(), false);
  }

  /** In [min, max). */
  static NumberRange fromUpTo(double min, double max) {
    return new NumberRange(Optional.of(min), true, Optional.of(max), false);
  }

  boolean contains(double v) {
    boolean aboveMin = min.isEmpty() || (minInclusive ? v >= min.get() : v > min.get());
    boolean belowMax = max.isEmpty() || (maxInclusive ? v <= max.get() : v < max.get());
    return aboveMin && belowMax;
  }
}
