package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SvgChartTest {

  private static final Pattern ID = Pattern.compile(" id=\"([^\"]+)\"");
  private static final Pattern REFERENCE = Pattern.compile("url\\(#([^)]+)\\)");
  private static final Pattern LONG_DECIMAL = Pattern.compile("\\d\\.\\d{3,}");
  private static final Pattern ATTRIBUTE = Pattern.compile(" ([\\w:-]+)=\"([^\"]*)\"");
  private static final Pattern PATH_DATA = Pattern.compile(" d=\"([^\"]*)\"");

  @TempDir
  Path tmp;

  private final SvgChart charts = new SvgChart(new Palette(List.of("plain", "resnet")));

  /** The {@code <svg>} element with id {@code id} in {@code html}, or {@code null}. */
  static String svgElement(String html, String id) {
    Matcher svg = Pattern.compile("<svg [^>]*\\bid=\"" + Pattern.quote(id) + "\"").matcher(html);
    if (!svg.find()) {
      return null;
    }
    return html.substring(svg.start(), html.indexOf("</svg>", svg.start()) + "</svg>".length());
  }

  /** The first attribute (coordinates, lengths, path data) with a number of more than two decimals, or null. */
  private static String longDecimal(String svg) {
    Matcher attribute = ATTRIBUTE.matcher(svg);
    while (attribute.find()) {
      if (LONG_DECIMAL.matcher(attribute.group(2)).find()) {
        return attribute.group();
      }
    }
    return null;
  }

  /** Two cells over 30 epochs with values that have many decimals. */
  private static List<Curve> curves() {
    List<Curve.Point> plain = new ArrayList<>();
    List<Curve.Point> resnet = new ArrayList<>();
    for (int epoch = 1; epoch <= 30; epoch++) {
      plain.add(new Curve.Point(epoch, 2.302585 / Math.sqrt(epoch), 0.1 / 3, 2));
      resnet.add(new Curve.Point(epoch, 2.302585 / epoch, 1.0 / 7, 2));
    }
    return List.of(new Curve("plain", 2, false, plain), new Curve("resnet", 2, false, resnet));
  }

  private String loss(String id) {
    return charts.render(new SvgChart.Spec(id, "Training loss by epoch", "Epoch",
        "Training loss (cross-entropy, log scale)", true, SvgChart.YAxis.LOSS, curves()));
  }

  @Test
  void anSvgElementThatScalesWithItsContainer() throws Exception {
    String svg = loss("chart-loss");

    Element root = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    assertEquals("chart-loss", root.getAttribute("id"));
    assertEquals("0 0 760 420", root.getAttribute("viewBox"));
    assertEquals("xMidYMid meet", root.getAttribute("preserveAspectRatio"));
    assertFalse(root.hasAttribute("width") || root.hasAttribute("height"), "no fixed size");
    assertFalse(svg.startsWith("<?xml"), "an element to inline in HTML, not a document");
  }

  @Test
  void coordinatesHaveAtMostTwoDecimals() {
    String svg = loss("chart-loss");

    assertEquals(null, longDecimal(svg), "a number with more than two decimals");
    assertTrue(Pattern.compile("\\d\\.\\d\\d?[ \"]").matcher(svg).find(), "fractions are kept to two decimals");
  }

  @Test
  void textIsTextNotGlyphOutlines() {
    String svg = loss("chart-loss");

    assertTrue(svg.contains(">Training loss by epoch</text>"), "title");
    assertTrue(svg.contains(">Training loss (cross-entropy, log scale)</text>"), "rotated y-axis label");
    assertTrue(svg.contains(">plain (2 runs)</text>"), "legend");
    assertTrue(Pattern.compile(">\\d(\\.\\d+)?</text>").matcher(svg).find(), "log-axis tick labels");
    Matcher paths = PATH_DATA.matcher(svg);
    while (paths.find()) {
      // Glyph outlines are quadratic curves; the charts themselves draw only straight segments.
      assertFalse(paths.group(1).contains("Q"), "glyph outline: " + paths.group(1));
    }
  }

  @Test
  void theReportsColoursAndFonts() {
    String svg = loss("chart-loss");

    assertTrue(svg.contains("stroke=\"rgb(78,121,167)\""), "first palette colour");
    assertTrue(svg.contains("stroke=\"rgb(242,142,43)\""), "second palette colour");
    assertTrue(svg.contains("font-family=\"sans-serif\""), svg);
    assertTrue(Pattern.compile("font-size=\"15px\" font-weight=\"bold\"").matcher(svg).find(), "bold title");
    assertTrue(svg.contains("opacity=\"0.18\""), "translucent ±1 std bands");
  }

  @Test
  void everyIdIsTheChartsOwnAndEveryReferenceResolvesWithinIt() {
    List<String> svgs = List.of(loss("chart-a"), loss("chart-b"));
    Set<String> all = new HashSet<>();
    for (int i = 0; i < svgs.size(); i++) {
      String chart = i == 0 ? "chart-a" : "chart-b";
      Set<String> ids = new HashSet<>();
      Matcher id = ID.matcher(svgs.get(i));
      while (id.find()) {
        assertTrue(id.group(1).equals(chart) || id.group(1).startsWith(chart + "-"), id.group(1));
        assertTrue(ids.add(id.group(1)), "repeated id " + id.group(1));
      }
      Matcher reference = REFERENCE.matcher(svgs.get(i));
      assertTrue(reference.find(), "clip paths are referenced");
      do {
        assertTrue(ids.contains(reference.group(1)), "unresolved " + reference.group());
      } while (reference.find());
      all.addAll(ids);
    }
    assertTrue(all.size() > 4, "ids from both charts: " + all);
  }

  @Test
  void aWholeReportsChartsAreCompactAndTheirIdsUniqueInThePage() throws IOException {
    Path results = ResultsFixture.diagnostic(tmp.resolve("results"), true);
    String html = Files.readString(new HtmlReportRenderer(
        Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC))
        .render(List.of(results), tmp.resolve("report")));

    Set<String> ids = new HashSet<>();
    Matcher id = ID.matcher(html);
    while (id.find()) {
      assertTrue(ids.add(id.group(1)), "repeated id in the page: " + id.group(1));
    }
    int svgs = 0;
    for (Matcher svg = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html); svg.find(); svgs++) {
      assertEquals(null, longDecimal(svg.group()), "a number with more than two decimals");
      Matcher paths = PATH_DATA.matcher(svg.group());
      while (paths.find()) {
        assertFalse(paths.group(1).contains("Q"), "glyph outline (cost charts' log axes too)");
      }
    }
    assertNotNull(svgElement(html, "cost-parameters"), "a chart with a logarithmic x axis");
    assertTrue(svgs >= 15, "charts: " + svgs);
  }
}
