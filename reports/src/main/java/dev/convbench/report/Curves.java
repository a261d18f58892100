package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.SampleStats;
import dev.convbench.results.RunResult;
import dev.convbench.results.RunStatus;
import dev.convbench.results.EpochRecord;
import dev.convbench.results.StepLossRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Builds mean ± std curves of a cell from its runs.
 *
 * <p>Seeds are aligned by epoch (or, for per-step losses, by step number), which every seed of a cell shares; on a
 * time axis, x is the mean over seeds of the training seconds at that epoch or step. Non-finite values are left out.
 *
 * <p>Which runs are drawn: the cell's completed runs, or, when it has none yet, its running ones (the curve is then
 * marked incomplete), so that a report of an experiment in progress shows progress. Diverged and failed runs are not
 * drawn: averaging them with finished runs would be meaningless, and a diverging loss would flatten every other
 * curve on the axis; the runs table gives their last values and reason.
 */
final class Curves {

  /** Per-step curves longer than this are averaged over consecutive points, to keep the inline SVG small. */
  static final int MAX_POINTS = 400;

  private Curves() {}

  /** The runs a cell's curves are drawn from, see the class comment. */
  static List<RunResult> charted(CellSummary cell) {
    List<RunResult> completed = cell.runs().stream().filter(r -> r.status() == RunStatus.COMPLETED).toList();
    return completed.isEmpty()
        ? cell.runs().stream().filter(r -> (r.status() == RunStatus.RUNNING || r.status() == RunStatus.INTERRUPTED)
            && !r.epochs().isEmpty()).toList()
        : completed;
  }

  /** An epoch metric against the epoch number. */
  static Curve byEpoch(CellSummary cell, ToDoubleFunction<EpochRecord> metric) {
    List<RunResult> runs = charted(cell);
    Map<Long, List<double[]>> byEpoch = new TreeMap<>();
    for (RunResult run : runs) {
      for (EpochRecord m : run.epochs()) {
        add(byEpoch, m.epoch(), m.epoch(), metric.applyAsDouble(m));
      }
    }
    return curve(cell, runs, byEpoch);
  }

  /** An epoch metric against training seconds at the end of the epoch. */
  static Curve bySeconds(CellSummary cell, ToDoubleFunction<EpochRecord> metric, double secondsPerUnit) {
    List<RunResult> runs = charted(cell);
    Map<Long, List<double[]>> byEpoch = new TreeMap<>();
    for (RunResult run : runs) {
      for (EpochRecord m : run.epochs()) {
        add(byEpoch, m.epoch(), m.cumulativeSeconds() / secondsPerUnit, metric.applyAsDouble(m));
      }
    }
    return curve(cell, runs, byEpoch);
  }

  /**
   * The training loss against training seconds: from the per-step losses when the runs recorded them (finer), else
   * from the per-epoch mean training loss.
   */
  static Curve lossBySeconds(CellSummary cell, double secondsPerUnit) {
    List<RunResult> runs = charted(cell);
    if (runs.stream().anyMatch(r -> r.steps().isEmpty())) {
      return bySeconds(cell, EpochRecord::trainLoss, secondsPerUnit);
    }
    Map<Long, List<double[]>> byStep = new TreeMap<>();
    for (RunResult run : runs) {
      for (StepLossRecord s : run.steps()) {
        add(byStep, s.step(), s.seconds() / secondsPerUnit, s.loss());
      }
    }
    return downsample(curve(cell, runs, byStep), MAX_POINTS);
  }

  /**
   * Averages consecutive points so that at most {@code maxPoints} remain (x, mean and std averaged within each
   * window; n is the window's smallest). Averaging, not dropping points, so that the visible line is a smoothed
   * version of the noisy per-step loss instead of a random sample of it.
   */
  static Curve downsample(Curve curve, int maxPoints) {
    List<Curve.Point> points = curve.points();
    if (points.size() <= maxPoints) {
      return curve;
    }
    int window = (points.size() + maxPoints - 1) / maxPoints;
    List<Curve.Point> out = new ArrayList<>();
    for (int start = 0; start < points.size(); start += window) {
      List<Curve.Point> w = points.subList(start, Math.min(points.size(), start + window));
      out.add(new Curve.Point(w.stream().mapToDouble(Curve.Point::x).average().orElseThrow(),
          w.stream().mapToDouble(Curve.Point::mean).average().orElseThrow(),
          w.stream().mapToDouble(Curve.Point::std).average().orElseThrow(),
          w.stream().mapToInt(Curve.Point::n).min().orElseThrow()));
    }
    return new Curve(curve.label(), curve.runs(), curve.incomplete(), out);
  }

  static void add(Map<Long, List<double[]>> byKey, long key, double x, double y) {
    if (Double.isFinite(x) && Double.isFinite(y)) {
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {x, y});
    }
  }

  private static Curve curve(CellSummary cell, List<RunResult> runs, Map<Long, List<double[]>> byKey) {
    return aggregate(cell.label(), runs, byKey);
  }

  /**
   * A curve named {@code label} from values collected by key (epoch or step) over {@code runs}: at each key, x and y
   * are the means of the collected values, the band their sample standard deviation.
   */
  static Curve aggregate(String label, List<RunResult> runs, Map<Long, List<double[]>> byKey) {
    List<Curve.Point> points = new ArrayList<>();
    for (List<double[]> values : byKey.values()) {
      SampleStats x = SampleStats.of(values.stream().mapToDouble(v -> v[0]).toArray());
      SampleStats y = SampleStats.of(values.stream().mapToDouble(v -> v[1]).toArray());
      points.add(new Curve.Point(x.mean(), y.mean(), y.std(), y.n()));
    }
    boolean incomplete = runs.stream().noneMatch(r -> r.status() == RunStatus.COMPLETED);
    return new Curve(label, runs.size(), incomplete, points);
  }
}
