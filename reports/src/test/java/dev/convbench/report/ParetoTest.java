package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.SampleStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoTest {

  private static Pareto.Point point(String label, double cost, double accuracy) {
    return new Pareto.Point(CellSummary.of(label, List.of()), cost, SampleStats.of(accuracy));
  }

  @Test
  void frontKeepsTheCellsNoOtherBeatsOnBothAccuracyAndCost() {
    Pareto.Point small = point("small", 1e4, 0.60);
    Pareto.Point mid = point("mid", 1e5, 0.75);
    Pareto.Point wasteful = point("wasteful", 1e6, 0.70);
    Pareto.Point big = point("big", 1e7, 0.80);
    List<Pareto.Point> points = List.of(big, wasteful, mid, small);

    assertEquals(List.of(small, mid, big), Pareto.front(points), "by increasing cost");
    assertEquals(mid, Pareto.dominator(wasteful, points));
    assertNull(Pareto.dominator(mid, points));
  }

  @Test
  void equalPointsDoNotDominateEachOther() {
    Pareto.Point a = point("a", 10, 0.5);
    Pareto.Point b = point("b", 10, 0.5);
    assertEquals(2, Pareto.front(List.of(a, b)).size());
    Pareto.Point cheaper = point("c", 5, 0.5);
    assertEquals(List.of(cheaper), Pareto.front(List.of(a, b, cheaper)), "same accuracy, lower cost dominates");
  }
}
