package dev.convbench.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A layer × epoch heat map of gradient norms (JFreeChart {@link XYBlockRenderer}) with a logarithmic colour scale:
 * norms span decades between the first and the last layers of a deep plain network. Every heat map of a report
 * shares one colour range, so that the same colour means the same norm in every cell's map.
 */
final class HeatMapChart {

  /** Anchor colours of the sequential scale, dark (small norm) to light (large norm); perceptually ordered. */
  private static final Color[] SCALE = {new Color(0x440154), new Color(0x3B528B), new Color(0x21918C),
      new Color(0x5EC962), new Color(0xFDE725)};

  /** Background of cells without a value. */
  static final Color MISSING = new Color(0xEEEEEE);

  private HeatMapChart() {}

  /**
   * Renders a heat map.
   *
   * @param id the svg element's id
   * @param title chart title
   * @param layers row labels, top to bottom (network order)
   * @param epochs column positions
   * @param values {@code values[layer][epochIndex]}, non-positive or non-finite values are drawn as missing
   * @param range the shared colour range {min, max} of positive values
   */
  static String render(String id, String title, List<String> layers, List<Integer> epochs, double[][] values,
      double[] range) {
    double low = Math.log10(range[0]);
    double high = Math.log10(range[1]);
    if (high - low < 1e-9) {
      low -= 0.5;
      high += 0.5;
    }
    int count = 0;
    for (double[] row : values) {
      for (double v : row) {
        count += v > 0 && Double.isFinite(v) ? 1 : 0;
      }
    }
    double[][] xyz = new double[3][count];
    int k = 0;
    for (int l = 0; l < values.length; l++) {
      for (int e = 0; e < epochs.size(); e++) {
        double v = values[l][e];
        if (v > 0 && Double.isFinite(v)) {
          xyz[0][k] = epochs.get(e);
          xyz[1][k] = l;
          xyz[2][k] = Math.log10(v);
          k++;
        }
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("gradient norm", xyz);

    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setBlockWidth(1);
    renderer.setBlockHeight(1);
    LogScale scale = new LogScale(low, high);
    renderer.setPaintScale(scale);

    NumberAxis x = SvgChart.axis("Epoch");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    int firstEpoch = epochs.isEmpty() ? 1 : epochs.get(0);
    int lastEpoch = epochs.isEmpty() ? 1 : epochs.get(epochs.size() - 1);
    x.setRange(firstEpoch - 0.5, lastEpoch + 0.5);
    SymbolAxis y = new SymbolAxis("Layer (network order, first at the top)", layers.toArray(String[]::new));
    SvgChart.style(y);
    y.setTickLabelFont(new Font(SvgChart.FONT, Font.PLAIN, layers.size() > 40 ? 8 : 10));
    y.setGridBandsVisible(false);
    y.setInverted(true);
    y.setRange(-0.5, layers.size() - 0.5);

    XYPlot plot = new XYPlot(data, x, y, renderer);
    SvgChart.stylePlot(plot);
    plot.setBackgroundPaint(MISSING);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);

    JFreeChart chart = SvgChart.decorate(new JFreeChart(title, new Font(SvgChart.FONT, Font.BOLD, 15), plot, false));
    NumberAxis legendAxis = new NumberAxis("Epoch-mean gradient L2 norm (log colour scale)");
    SvgChart.style(legendAxis);
    legendAxis.setRange(low, high);
    TickUnits units = new TickUnits();
    PowerOfTen format = new PowerOfTen();
    for (double unit : new double[] {0.1, 0.25, 0.5, 1, 2, 5}) {
      units.add(new NumberTickUnit(unit, format));
    }
    legendAxis.setStandardTickUnits(units);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    legend.setStripWidth(12);
    legend.setSubdivisionCount(100);
    legend.setMargin(new RectangleInsets(6, 60, 2, 60));
    legend.setBackgroundPaint(Color.WHITE);
    chart.addSubtitle(legend);
    return SvgChart.svg(chart, id, SvgChart.WIDTH, height(layers.size()));
  }

  /** Taller for more layers: about 13 px a row, at least the other charts' height. */
  static int height(int layers) {
    return Math.max(SvgChart.HEIGHT, 170 + 13 * layers);
  }

  /** The colour of a norm, by where {@code log10(norm)} lies between the range's ends. */
  static Color colour(double t) {
    double clamped = Math.max(0, Math.min(1, t)) * (SCALE.length - 1);
    int i = Math.min(SCALE.length - 2, (int) Math.floor(clamped));
    double f = clamped - i;
    Color a = SCALE[i];
    Color b = SCALE[i + 1];
    return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  /** Maps {@code log10(norm)} in [low, high] to {@link #SCALE}. */
  private record LogScale(double low, double high) implements PaintScale {
    @Override
    public double getLowerBound() {
      return low;
    }

    @Override
    public double getUpperBound() {
      return high;
    }

    @Override
    public Paint getPaint(double value) {
      return colour((value - low) / (high - low));
    }
  }

  /** Formats an exponent {@code e} as the number {@code 10^e} with two significant digits: {@code -3 → 0.001}. */
  private static final class PowerOfTen extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private final SignificantFormat digits = new SignificantFormat(2);

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
      double value = Math.pow(10, number);
      if (value >= 1e5 || value < 1e-4) {
        return toAppendTo.append(Math.abs(number - Math.rint(number)) < 1e-9
            ? String.format(Locale.ROOT, "1e%d", Math.round(number)) : String.format(Locale.ROOT, "%.1e", value));
      }
      return digits.format(value, toAppendTo, pos);
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
      return format((double) number, toAppendTo, pos);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
      throw new UnsupportedOperationException("formatting only");
    }
  }
}
