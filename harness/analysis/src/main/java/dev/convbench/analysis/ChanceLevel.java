package dev.convbench.analysis;

import dev.convbench.results.ConfusionMatrix;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Whether a cell learned at all: its accuracy against guessing, and runs that answer one class for everything.
 *
 * <p><b>The rule.</b> A cell is <i>at chance level</i> when its mean final test accuracy is below
 * {@code 1/k + } {@value #MARGIN}{@code  × (1 − 1/k)} for {@code k} classes: it got less than 5 % of the way from
 * guessing to a perfect score (a chance-corrected accuracy, Cohen's κ for balanced classes, below 0.05). For
 * CIFAR-10 that is below 14.5 %. A margin rather than "the 95 % interval includes 1/k" because a cell that barely
 * moved off chance over many seeds has a narrow interval that excludes 1/k (24 seeds at 11.00 ± 1.88 % give
 * [10.21, 11.79] %) without having learned anything worth comparing. Two cells at chance are not ranked against
 * each other: neither learned.
 */
public final class ChanceLevel {

  /** The share of the way from chance to a perfect score below which a cell is at chance level. */
  public static final double MARGIN = 0.05;

  /** CIFAR-10's classes, assumed when no run recorded a confusion matrix. */
  public static final int DEFAULT_CLASSES = 10;

  private ChanceLevel() {}

  /** The number of classes of a cell: its runs' confusion matrices' size, else {@value #DEFAULT_CLASSES}. */
  public static int classes(CellSummary cell) {
    return cell.runs().stream().flatMap(r -> r.confusionMatrix().stream()).mapToInt(ConfusionMatrix::classes)
        .filter(k -> k >= 2).findFirst().orElse(DEFAULT_CLASSES);
  }

  /** The accuracy of guessing, {@code 1/k}. */
  public static double chance(int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("a classification needs at least two classes: " + classes);
    }
    return 1.0 / classes;
  }

  /** The mean accuracy below which a cell of {@code k} classes is at chance level. */
  public static double threshold(int classes) {
    double chance = chance(classes);
    return chance + MARGIN * (1 - chance);
  }

  /** Whether an accuracy's mean over seeds is at chance level for {@code classes} classes; false when empty. */
  public static boolean atChance(SampleStats accuracy, int classes) {
    return !accuracy.isEmpty() && accuracy.mean() < threshold(classes);
  }

  /** Whether a cell's final test accuracy is at chance level. */
  public static boolean atChance(CellSummary cell) {
    return atChance(cell.finalAccuracy(), classes(cell));
  }

  /**
   * The one class an evaluation predicted for every image, when it predicted only one (every count in a single
   * column); empty when it predicted several or the matrix is empty.
   */
  public static OptionalInt singleClass(ConfusionMatrix matrix) {
    int k = matrix.classes();
    int only = -1;
    for (int predicted = 0; predicted < k; predicted++) {
      long column = 0;
      for (int actual = 0; actual < k; actual++) {
        column += matrix.count(actual, predicted);
      }
      if (column > 0) {
        if (only >= 0) {
          return OptionalInt.empty();
        }
        only = predicted;
      }
    }
    return only < 0 ? OptionalInt.empty() : OptionalInt.of(only);
  }

  /**
   * The completed runs of a cell that predict a single class for every test image in their last evaluation: the
   * number of such runs by class, in class order; empty when none does.
   */
  public static Map<Integer, Integer> singleClassRuns(CellSummary cell) {
    Map<Integer, Integer> runs = new TreeMap<>();
    for (RunOutcome o : cell.completedOutcomes()) {
      o.run().confusionMatrix().ifPresent(m -> singleClass(m).ifPresent(c -> runs.merge(c, 1, Integer::sum)));
    }
    return runs;
  }
}
