package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.SampleStats;
import java.util.Comparator;
import java.util.List;

/** The Pareto front of cells on accuracy (higher is better) against a cost (lower is better). */
final class Pareto {

  /**
   * One cell's position.
   *
   * @param cell the cell
   * @param cost its cost (parameters, FLOPs or seconds), positive
   * @param accuracy its final test accuracy over seeds (the mean is compared)
   */
  record Point(CellSummary cell, double cost, SampleStats accuracy) {}

  private Pareto() {}

  /** Whether {@code q} dominates {@code p}: no costlier, no less accurate, and better in one of the two. */
  static boolean dominates(Point q, Point p) {
    double qa = q.accuracy().mean();
    double pa = p.accuracy().mean();
    return q.cost() <= p.cost() && qa >= pa && (q.cost() < p.cost() || qa > pa);
  }

  /** The points no other point dominates, by increasing cost (then decreasing accuracy). */
  static List<Point> front(List<Point> points) {
    return points.stream().filter(p -> points.stream().noneMatch(q -> dominates(q, p)))
        .sorted(Comparator.comparingDouble(Point::cost).thenComparing(p -> -p.accuracy().mean())).toList();
  }

  /** A front point that dominates {@code p}, preferring the most accurate; {@code null} when {@code p} is on it. */
  static Point dominator(Point p, List<Point> points) {
    return points.stream().filter(q -> dominates(q, p)).max(Comparator.comparingDouble(q -> q.accuracy().mean()))
        .orElse(null);
  }
}
