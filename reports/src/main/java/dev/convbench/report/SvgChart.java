package dev.convbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;

/**
 * Draws curves as an XY line chart with a ±1 std band per curve (JFreeChart {@link DeviationRenderer}) into an
 * inline {@code <svg>} element (Batik's SVG generator). Number formats are fixed to {@link Locale#ROOT} so that a report looks
 * the same whatever machine renders it.
 */
final class SvgChart {

  static final int WIDTH = 760;
  static final int HEIGHT = 420;

  static final String FONT = Font.SANS_SERIF;
  static final Color GRID = new Color(0xDDDDDD);
  static final Color TEXT = new Color(0x333333);

  /**
   * Decimals of the SVG's coordinates and lengths. A chart's viewBox is at most 760 units wide and is shown at most
   * about twice that size, so a hundredth of a unit is far below a pixel; more digits only make the page larger.
   */
  static final int DECIMALS = 2;

  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  /**
   * What to draw.
   *
   * @param id the {@code <svg>} element's id; also prefixes its internal ids, which must be unique in the page
   * @param title chart title
   * @param xLabel x-axis label with unit
   * @param yLabel y-axis label with unit
   * @param xIntegers x is a count (epochs): integer ticks
   * @param y what y is, which decides its scale
   * @param curves the lines, one per cell
   * @param styles colour and dash of curves whose label is not a cell's (keyed by curve label); the others take
   *     their cell's palette colour
   */
  record Spec(String id, String title, String xLabel, String yLabel, boolean xIntegers, YAxis y,
      List<Curve> curves, Map<String, Style> styles) {

    /** A chart whose curves are all cells'. */
    Spec(String id, String title, String xLabel, String yLabel, boolean xIntegers, YAxis y, List<Curve> curves) {
      this(id, title, xLabel, yLabel, xIntegers, y, curves, Map.of());
    }

    /** The same chart for another {@code <svg>} id. */
    Spec withId(String otherId) {
      return new Spec(otherId, title, xLabel, yLabel, xIntegers, y, curves, styles);
    }
  }

  /**
   * How to draw a curve that is not a cell's.
   *
   * @param colour line and band colour
   * @param dash dash pattern in pixels, {@code null} for a solid line
   */
  record Style(Color colour, float[] dash) {}

  /** Kinds of y values. */
  enum YAxis {
    /** A fraction in [0, 1], shown in percent on a linear axis; the std band is clipped to [0, 1]. */
    ACCURACY,
    /**
     * A positive loss, on a logarithmic axis: losses span decades (2.3 at the start, 0.01 at the end) and early
     * spikes would flatten a linear axis. Non-positive means cannot be drawn and are left out; the std band is
     * clipped at the lowest mean / 2 so that it stays on the axis.
     */
    LOSS,
    /** A loss on a linear axis from 0 (the alternative rendering of {@link #LOSS}). */
    LOSS_LINEAR,
    /** Any positive quantity spanning decades (gradient norms), on a logarithmic axis, handled as {@link #LOSS}. */
    LOG,
    /** Any value on a linear axis that includes zero, band not clipped (differences, may be negative). */
    LINEAR
  }

  /** Whether the axis is logarithmic. */
  private static boolean log(YAxis y) {
    return y == YAxis.LOSS || y == YAxis.LOG;
  }

  static {
    // Rotated labels (the y axis's) as text: JFreeChart's default draws them as glyph outlines (several kilobytes
    // each), a workaround for old raster-rendering bugs that in SVG only costs size and selectable text.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private final Palette palette;

  SvgChart(Palette palette) {
    this.palette = palette;
  }

  /** The chart as an {@code <svg>} element that scales with its container (viewBox, no fixed size). */
  String render(Spec spec) {
    return svg(chart(spec), spec.id(), WIDTH, HEIGHT);
  }

  /** Draws {@code chart} into an {@code <svg>} element with id {@code id} and a {@code width × height} viewBox. */
  static String svg(JFreeChart chart, String id, int width, int height) {
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(newDocument());
    context.setComment(null);
    context.setPrecision(DECIMALS);
    // Clip paths get generated ids; several charts share one HTML document, so each chart prefixes its own.
    context.setIDGenerator(new SVGIDGenerator() {
      @Override
      public String generateID(String prefix) {
        return id + "-" + super.generateID(prefix);
      }
    });
    SVGGraphics2D g2 = new BrowserMetricsGraphics(context);
    g2.setSVGCanvasSize(new Dimension(width, height));
    chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));

    Element root = g2.getRoot();
    // Scales with its container: a viewBox and no fixed size; the generator's other root attributes are defaults.
    for (String attribute : List.of("width", "height", "contentScriptType", "contentStyleType", "zoomAndPan",
        "version", "style")) {
      root.removeAttribute(attribute);
    }
    // The generator's <defs id="genericDefs"> would repeat one id in every chart of the page; it stays empty when
    // the graphics keep their defaults.
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element defs && "genericDefs".equals(defs.getAttribute("id"))) {
        if (defs.hasChildNodes()) {
          defs.setAttribute("id", id + "-generic-defs");
        } else {
          root.removeChild(defs);
        }
        break;
      }
    }
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", SVG_NAMESPACE);
    root.setAttribute("id", id);
    root.setAttribute("viewBox", "0 0 " + width + " " + height);
    root.setAttribute("preserveAspectRatio", "xMidYMid meet");
    // The JDK's serializer writes the tree as it is, without the line breaks and indentation the generator's adds.
    LSSerializer serializer = ((DOMImplementationLS) root.getOwnerDocument().getImplementation()).createLSSerializer();
    serializer.getDomConfig().setParameter("xml-declaration", false);
    // As the tree is: namespace fix-up would repeat xmlns:xml on every element that has xml:space.
    serializer.getDomConfig().setParameter("namespaces", false);
    return serializer.writeToString(root);
  }

  /**
   * Batik's generator, measuring text with fractional glyph advances as browsers set it. JFreeChart lays out legends
   * and titles with {@link java.awt.FontMetrics#stringWidth}, which rounds each glyph to whole pixels by default and
   * then makes every legend item a few pixels wider than the browser draws it.
   */
  private static final class BrowserMetricsGraphics extends SVGGraphics2D {

    BrowserMetricsGraphics(SVGGeneratorContext context) {
      super(context, false);
      fmg.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    private BrowserMetricsGraphics(BrowserMetricsGraphics original) {
      super(original);
      fmg.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    @Override
    public Graphics create() {
      return new BrowserMetricsGraphics(this);
    }
  }

  /** An empty DOM document for the generator to build the SVG tree in (the JDK's implementation). */
  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
    }
  }

  private JFreeChart chart(Spec spec) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(0.18f);
    double logFloor = spec.curves().stream().flatMap(c -> c.points().stream()).mapToDouble(Curve.Point::mean)
        .filter(m -> m > 0).min().orElse(1) / 2;
    int series = 0;
    for (Curve curve : spec.curves()) {
      String key = curve.label() + " (" + Formats.counted(curve.runs(), "run")
          + (curve.incomplete() ? ", incomplete" : "") + ")";
      YIntervalSeries s = new YIntervalSeries(key, false, true);
      for (Curve.Point p : curve.points()) {
        double low = p.mean() - p.std();
        double high = p.mean() + p.std();
        if (spec.y() == YAxis.ACCURACY) {
          s.add(p.x(), p.mean(), Math.max(0, low), Math.min(1, high));
        } else if (spec.y() == YAxis.LOSS_LINEAR) {
          s.add(p.x(), p.mean(), Math.max(0, low), high);
        } else if (spec.y() == YAxis.LINEAR) {
          s.add(p.x(), p.mean(), low, high);
        } else if (p.mean() > 0) {
          s.add(p.x(), p.mean(), Math.max(logFloor, low), high);
        }
      }
      if (s.getItemCount() == 0) {
        continue;
      }
      data.addSeries(s);
      Style style = spec.styles().get(curve.label());
      Color colour = style != null ? style.colour() : palette.colour(curve.label());
      float[] dash = style != null ? style.dash()
          : palette.dashed(curve.label()) ? new float[] {6f, 4f} : null;
      renderer.setSeriesPaint(series, colour);
      renderer.setSeriesFillPaint(series, colour);
      renderer.setSeriesStroke(series, dash != null
          ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f)
          : new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      series++;
    }

    NumberAxis x = axis(spec.xLabel());
    if (spec.xIntegers()) {
      x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    }
    x.setAutoRangeIncludesZero(false);
    ValueAxis y;
    if (spec.y() == YAxis.ACCURACY) {
      NumberAxis accuracy = axis(spec.yLabel());
      accuracy.setNumberFormatOverride(NumberFormat.getPercentInstance(Locale.ROOT));
      accuracy.setAutoRangeIncludesZero(true);
      y = accuracy;
    } else if (!log(spec.y())) {
      NumberAxis linear = axis(spec.yLabel());
      linear.setAutoRangeIncludesZero(true);
      y = linear;
    } else {
      LogAxis loss = new TextLabelLogAxis(spec.yLabel());
      loss.setNumberFormatOverride(new SignificantFormat(2));
      loss.setMinorTickMarksVisible(true);
      style(loss);
      y = loss;
    }

    XYPlot plot = new XYPlot(data, x, y, renderer);
    stylePlot(plot);
    return decorate(new JFreeChart(spec.title(), new Font(FONT, Font.BOLD, 15), plot, true));
  }

  /** White background, light grid, no axis offset, a "no data" message. */
  static void stylePlot(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setDomainGridlineStroke(new BasicStroke(0.6f));
    plot.setRangeGridlineStroke(new BasicStroke(0.6f));
    plot.setOutlinePaint(new Color(0xBBBBBB));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setNoDataMessage("No data recorded");
    plot.setNoDataMessageFont(new Font(FONT, Font.PLAIN, 14));
  }

  /** A chart's title, padding and legend (at the bottom, when the chart has one), in the report's style. */
  static JFreeChart decorate(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setPaint(TEXT);
    chart.setPadding(new RectangleInsets(6, 6, 6, 12));
    LegendTitle legend = chart.getLegend();
    if (legend == null) {
      return chart;
    }
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setFrame(BlockBorder.NONE);
    legend.setItemFont(new Font(FONT, Font.PLAIN, 12));
    legend.setItemPaint(TEXT);
    return chart;
  }

  /** A linear axis with the report's fonts and locale-independent ticks. */
  static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    style(axis);
    return axis;
  }

  /** The report's axis fonts and colours. */
  static void style(ValueAxis axis) {
    axis.setLabelFont(new Font(FONT, Font.PLAIN, 13));
    axis.setTickLabelFont(new Font(FONT, Font.PLAIN, 11));
    axis.setLabelPaint(TEXT);
    axis.setTickLabelPaint(TEXT);
  }
}
