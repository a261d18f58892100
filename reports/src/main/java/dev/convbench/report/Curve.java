package dev.convbench.report;

import java.util.List;

/**
 * One line of a chart: a cell's metric averaged over its seeds.
 *
 * @param label the cell's label (legend text and colour key)
 * @param runs how many runs it averages
 * @param incomplete true when it shows unfinished runs because the cell has no completed one
 * @param points points by increasing x
 */
public record Curve(String label, int runs, boolean incomplete, List<Point> points) {

  public Curve {
    points = List.copyOf(points);
  }

  /**
   * One point of a cell's curve.
   *
   * @param x position on the x axis (epoch, or mean seconds over the runs)
   * @param mean mean over the runs that have this point
   * @param std sample standard deviation over them (0 for a single run)
   * @param n number of runs that have this point
   */
  public record Point(double x, double mean, double std, int n) {}
}
