package dev.convbench.report;

import dev.convbench.training.EpochMetrics;
import java.util.List;

/** The report's four convergence charts: test accuracy and training loss, against epochs and training time. */
final class ConvergenceCharts {

  /**
   * A rendered chart.
   *
   * @param id the {@code <svg>} element's id
   * @param caption what it shows, for the figure caption
   * @param svg the {@code <svg>} element
   */
  record Rendered(String id, String caption, String svg) {}

  private ConvergenceCharts() {}

  static List<Rendered> render(ReportModel model) {
    SvgChart svg = new SvgChart(model.palette());
    // One time unit for every chart, chosen by the longest run, so the time charts can be compared directly.
    double longest = model.runs().stream().flatMap(r -> r.epochs().stream())
        .mapToDouble(EpochMetrics::cumulativeSeconds).filter(Double::isFinite).max().orElse(0);
    TimeScale time = TimeScale.forSeconds(longest);
    String timeAxis = "Training time (" + time.symbol() + ", evaluation excluded)";
    List<CellSummary> cells = model.cells();

    SvgChart.Spec[] specs = {
        new SvgChart.Spec("chart-accuracy-epoch", "Test accuracy by epoch", "Epoch", "Test accuracy (%)", true,
            SvgChart.YAxis.ACCURACY,
            cells.stream().map(c -> Curves.byEpoch(c, EpochMetrics::testAccuracy)).toList()),
        new SvgChart.Spec("chart-accuracy-time", "Test accuracy by training time", timeAxis, "Test accuracy (%)",
            false, SvgChart.YAxis.ACCURACY,
            cells.stream().map(c -> Curves.bySeconds(c, EpochMetrics::testAccuracy, time.seconds())).toList()),
        new SvgChart.Spec("chart-loss-epoch", "Training loss by epoch", "Epoch",
            "Training loss (cross-entropy, epoch mean, log scale)", true, SvgChart.YAxis.LOSS,
            cells.stream().map(c -> Curves.byEpoch(c, EpochMetrics::trainLoss)).toList()),
        new SvgChart.Spec("chart-loss-time", "Training loss by training time", timeAxis,
            "Training loss (cross-entropy, log scale)", false, SvgChart.YAxis.LOSS,
            cells.stream().map(c -> Curves.lossBySeconds(c, time.seconds())).toList()),
    };
    String[] captions = {
        "Test accuracy after each epoch.",
        "Test accuracy against training time; x is the mean over seeds of the training time at each epoch.",
        "Mean training loss of each epoch (training mode, augmented data).",
        "Training loss as logged every N steps (averaged over windows of consecutive logs when there are more than "
            + Curves.MAX_POINTS + "), or the epoch means when no step losses were logged.",
    };
    return java.util.stream.IntStream.range(0, specs.length)
        .mapToObj(i -> new Rendered(specs[i].id(), captions[i], svg.render(specs[i]))).toList();
  }
}
