package dev.convbench.report;

import dev.convbench.results.HistoryEntry;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * One cell's metric over commits: a point per history entry at its commit (labels on the x axis, in history order),
 * joined by a line, with the 95 % confidence interval of the mean as a band where there are two runs or more. An
 * entry without the metric (the target not reached, no yardstick) has no point there. Drawn into SVG by
 * {@link SvgChart#svg}, in the report's style.
 */
final class TrendChart {

  static final int WIDTH = 600;
  static final int HEIGHT = 340;

  /** What the y axis shows. */
  enum Kind {
    /** A fraction in percent, the band clipped to [0, 100 %]. */
    ACCURACY,
    /** A positive quantity (seconds, a ratio) on a linear axis from zero. */
    POSITIVE
  }

  private TrendChart() {}

  /**
   * @param id the {@code <svg>} element's id
   * @param commits the x axis's labels, one per entry
   * @param values the metric at each entry, {@code null} where it has none; as many as {@code commits}
   * @param noData the message shown when no entry has the metric
   */
  static String render(String id, String title, String yLabel, List<String> commits, List<HistoryEntry.Metric> values,
      Kind kind, Color colour, String noData) {
    if (values.size() != commits.size()) {
      throw new IllegalArgumentException(values.size() + " values for " + commits.size() + " commits");
    }
    YIntervalSeries series = new YIntervalSeries(title, false, true);
    for (int i = 0; i < values.size(); i++) {
      HistoryEntry.Metric m = values.get(i);
      if (m == null || m.score() == null || !Double.isFinite(m.score())) {
        continue;
      }
      double low = m.interval().size() == 2 ? m.interval().get(0) : m.score();
      double high = m.interval().size() == 2 ? m.interval().get(1) : m.score();
      if (kind == Kind.ACCURACY) {
        low = Math.max(0, low);
        high = Math.min(1, high);
      } else {
        low = Math.max(0, low);
      }
      series.add(i, m.score(), low, high);
    }
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    if (series.getItemCount() > 0) {
      data.addSeries(series);
    }
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(0.18f);
    renderer.setSeriesPaint(0, colour);
    renderer.setSeriesFillPaint(0, colour);
    renderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    renderer.setSeriesShape(0, new Ellipse2D.Double(-3.5, -3.5, 7, 7));

    SymbolAxis x = new SymbolAxis("Commit", commits.toArray(String[]::new));
    SvgChart.style(x);
    x.setGridBandsVisible(false);
    // Labels side by side overlap beyond a few commits; upright they fit one per commit.
    x.setVerticalTickLabels(commits.size() > 5);
    NumberAxis y = SvgChart.axis(yLabel);
    y.setAutoRangeIncludesZero(kind == Kind.POSITIVE);
    if (kind == Kind.ACCURACY) {
      NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
      percent.setMaximumFractionDigits(1);
      y.setNumberFormatOverride(percent);
      // Equal values at every commit would otherwise get an axis a hair wide, its ticks all reading the same.
      y.setAutoRangeMinimumSize(0.02);
    } else {
      y.setAutoRangeMinimumSize(1e-6);
      y.setNumberFormatOverride(new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }
    XYPlot plot = new XYPlot(data, x, y, renderer);
    SvgChart.stylePlot(plot);
    plot.setNoDataMessage(noData);
    JFreeChart chart = SvgChart.decorate(new JFreeChart(title, new Font(SvgChart.FONT, Font.BOLD, 14), plot, false));
    return SvgChart.svg(chart, id, WIDTH, HEIGHT);
  }
}
