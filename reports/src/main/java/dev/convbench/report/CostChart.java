package dev.convbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Final test accuracy against a cost, one point per cell in its colour with a ±1 std bar over seeds, on a
 * logarithmic cost axis (costs span orders of magnitude), with the Pareto front drawn as a dashed grey line.
 */
final class CostChart {

  private static final Color FRONT = new Color(0x555555);

  private CostChart() {}

  /**
   * Renders the chart.
   *
   * @param id svg id
   * @param title chart title
   * @param xLabel cost axis label with unit
   * @param points the cells with this cost and an accuracy
   * @param front the Pareto-optimal points by increasing cost
   * @param costFormat tick format of the cost axis
   */
  static String render(String id, String title, String xLabel, List<Pareto.Point> points, List<Pareto.Point> front,
      Palette palette, NumberFormat costFormat) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDrawYError(true);
    renderer.setErrorStroke(new BasicStroke(1.2f));
    renderer.setCapLength(6);
    int series = 0;
    if (front.size() > 1) {
      YIntervalSeries line = new YIntervalSeries("Pareto front", false, true);
      for (Pareto.Point p : front) {
        line.add(p.cost(), p.accuracy().mean(), p.accuracy().mean(), p.accuracy().mean());
      }
      data.addSeries(line);
      renderer.setSeriesPaint(series, FRONT);
      renderer.setSeriesLinesVisible(series, true);
      renderer.setSeriesShapesVisible(series, false);
      renderer.setSeriesStroke(series, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
          new float[] {5f, 4f}, 0f));
      series++;
    }
    for (Pareto.Point p : points) {
      String label = p.cell().label();
      YIntervalSeries s = new YIntervalSeries(label + " (" + Formats.counted(p.accuracy().n(), "run") + ")", false,
          true);
      double mean = p.accuracy().mean();
      double std = p.accuracy().std();
      s.add(p.cost(), mean, Math.max(0, mean - std), Math.min(1, mean + std));
      data.addSeries(s);
      renderer.setSeriesPaint(series, palette.colour(label));
      renderer.setSeriesLinesVisible(series, false);
      renderer.setSeriesShapesVisible(series, true);
      renderer.setSeriesShape(series, new Ellipse2D.Double(-5, -5, 10, 10));
      series++;
    }

    LogAxis x = new TextLabelLogAxis(xLabel);
    x.setNumberFormatOverride(costFormat);
    x.setMinorTickMarksVisible(true);
    SvgChart.style(x);
    double min = points.stream().mapToDouble(Pareto.Point::cost).min().orElse(1);
    double max = points.stream().mapToDouble(Pareto.Point::cost).max().orElse(10);
    // A margin of a factor around the points (and a decade at least), so points and labels stay inside.
    double span = Math.max(Math.log10(max / min), 1);
    x.setRange(min / Math.pow(10, span * 0.15), max * Math.pow(10, span * 0.25));
    if (span >= 2) {
      // Whole decades: automatic units would label every fifth of a decade and crowd the axis.
      x.setTickUnit(new NumberTickUnit(1), false, false);
    }
    NumberAxis y = SvgChart.axis("Final test accuracy (%)");
    y.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
    y.setAutoRangeIncludesZero(false);
    y.setAutoRangeMinimumSize(0.02);

    XYPlot plot = new XYPlot(data, x, y, renderer);
    SvgChart.stylePlot(plot);
    for (Pareto.Point p : points) {
      XYTextAnnotation label = new XYTextAnnotation(" " + p.cell().label(), p.cost(), p.accuracy().mean());
      label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
      label.setFont(new Font(SvgChart.FONT, Font.PLAIN, 11));
      label.setPaint(SvgChart.TEXT);
      plot.addAnnotation(label);
    }
    return SvgChart.svg(SvgChart.decorate(new JFreeChart(title, new Font(SvgChart.FONT, Font.BOLD, 15), plot, true)),
        id, SvgChart.WIDTH, SvgChart.HEIGHT);
  }
}
