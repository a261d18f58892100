package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.results.EpochRecord;
import java.util.List;

/**
 * The report's four convergence charts: test accuracy and training loss, against epochs and training time. The loss
 * charts come in two renderings, logarithmic (shown by default) and linear, which the page lets the reader switch.
 */
final class ConvergenceCharts {

  private ConvergenceCharts() {}

  /** Writes the four charts as figures, each loss chart in both renderings. */
  static void write(PageWriter page) {
    ReportModel model = page.model;
    SvgChart svg = new SvgChart(model.palette());
    // One time unit for every chart, chosen by the longest run, so the time charts can be compared directly.
    double longest = model.runs().stream().flatMap(r -> r.epochs().stream())
        .mapToDouble(EpochRecord::cumulativeSeconds).filter(Double::isFinite).max().orElse(0);
    TimeScale time = TimeScale.forSeconds(longest);
    String timeAxis = "Training time (" + time.symbol() + ", evaluation excluded)";
    List<CellSummary> cells = model.cells();

    SvgChart.Spec[] specs = {
        new SvgChart.Spec("chart-accuracy-epoch", "Test accuracy by epoch", "Epoch", "Test accuracy (%)", true,
            SvgChart.YAxis.ACCURACY,
            cells.stream().map(c -> Curves.byEpoch(c, EpochRecord::testAccuracy)).toList()),
        new SvgChart.Spec("chart-accuracy-time", "Test accuracy by training time", timeAxis, "Test accuracy (%)",
            false, SvgChart.YAxis.ACCURACY,
            cells.stream().map(c -> Curves.bySeconds(c, EpochRecord::testAccuracy, time.seconds())).toList()),
        new SvgChart.Spec("chart-loss-epoch", "Training loss by epoch", "Epoch",
            "Training loss (cross-entropy, epoch mean, log scale)", true, SvgChart.YAxis.LOSS,
            cells.stream().map(c -> Curves.byEpoch(c, EpochRecord::trainLoss)).toList()),
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
    for (int i = 0; i < specs.length; i++) {
      SvgChart.Spec spec = specs[i];
      if (spec.y() == SvgChart.YAxis.LOSS) {
        page.logLinearFigure(spec.id(), id -> svg.render(spec.withId(id)), id -> svg.render(new SvgChart.Spec(id,
            spec.title(), spec.xLabel(), spec.yLabel().replace(", log scale", ", linear scale"), spec.xIntegers(),
            SvgChart.YAxis.LOSS_LINEAR, spec.curves())), captions[i]);
      } else {
        page.figure(spec.id(), id -> svg.render(spec.withId(id)), captions[i]);
      }
    }
  }
}
