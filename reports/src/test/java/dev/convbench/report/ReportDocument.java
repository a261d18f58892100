package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A rendered report read through an HTML parser, with the lookups report tests share: sections by id, table rows as
 * header → cell, and the text a chart's {@code <svg>} draws. Charts are read by structure (their {@code <text>}
 * elements) only, so that these tests hold whatever draws the SVG and however it rounds coordinates.
 */
public final class ReportDocument {

  /** A legend entry of a convergence chart: {@code LABEL (N runs)}. */
  private static final Pattern LEGEND_ENTRY = Pattern.compile("(.+) \\((\\d+) runs?\\)");

  private final Document document;

  private ReportDocument(Document document) {
    this.document = document;
  }

  public static ReportDocument read(Path index) throws IOException {
    return new ReportDocument(Jsoup.parse(index.toFile(), "UTF-8"));
  }

  public Document document() {
    return document;
  }

  /** The element with this id; fails the test when there is none. */
  public Element byId(String id) {
    Element e = document.getElementById(id);
    assertNotNull(e, "no element with id " + id);
    return e;
  }

  /** The ids the contents bar links to, in order. */
  public List<String> contentsTargets() {
    List<String> targets = new ArrayList<>();
    for (Element a : byId("contents").select("a[href]")) {
      String href = a.attr("href");
      assertEquals('#', href.charAt(0), "in-page link: " + href);
      targets.add(href.substring(1));
    }
    return targets;
  }

  /**
   * The ids the page's self-check script will look for in the browser: {@code "sections"} or {@code "charts"}, as
   * the quoted array the renderer wrote into the script.
   */
  public List<String> selfCheckIds(String kind) {
    String script = document.select("script").last().data();
    Matcher m = Pattern.compile("\\b" + kind + " = \\[([^\\]]*)\\]").matcher(script);
    if (!m.find()) {
      throw new AssertionError("no " + kind + " array in the self-check script");
    }
    List<String> ids = new ArrayList<>();
    Matcher id = Pattern.compile("'([^']*)'").matcher(m.group(1));
    while (id.find()) {
      ids.add(id.group(1));
    }
    return ids;
  }

  /** Rows of every table in a section, each as column header → cell, in page order. */
  public List<Map<String, Element>> rows(String sectionId) {
    List<Map<String, Element>> rows = new ArrayList<>();
    for (Element table : byId(sectionId).select("table")) {
      List<String> headers = table.select("thead th").eachText();
      for (Element tr : table.select("tbody > tr")) {
        Elements cells = tr.children();
        assertEquals(headers.size(), cells.size(), "one cell per column: " + tr);
        Map<String, Element> row = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
          row.put(headers.get(i), cells.get(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * The rows of a section's per-cell table (summary, baseline) by cell label; the label is the first cell's sort key,
   * so a "baseline" marker beside it does not change it.
   */
  public Map<String, Map<String, Element>> rowsByCell(String sectionId) {
    Map<String, Map<String, Element>> byLabel = new LinkedHashMap<>();
    for (Map<String, Element> row : rows(sectionId)) {
      Element label = row.get("Cell");
      assertNotNull(label, "a Cell column in " + sectionId);
      byLabel.put(label.attr("data-sort"), row);
    }
    return byLabel;
  }

  /** The numeric sort key of a cell; NaN when it has none (an empty key sorts last). */
  public static double sortKey(Element cell) {
    String key = cell.attr("data-sort");
    return key.isEmpty() ? Double.NaN : Double.parseDouble(key);
  }

  /** The {@code <svg>} chart with this id; fails the test when the id is missing or is not an svg. */
  public Element chart(String id) {
    Element e = byId(id);
    assertEquals("svg", e.normalName(), id + " is an <svg>");
    return e;
  }

  /** Every piece of text the chart draws (title, axis labels, ticks, legend), in document order. */
  public static List<String> drawnText(Element svg) {
    return svg.select("text").eachText();
  }

  /** The chart's legend: cell label → runs the curve averages, read from entries drawn as {@code LABEL (N runs)}. */
  public static Map<String, Integer> legend(Element svg) {
    Map<String, Integer> legend = new TreeMap<>();
    for (String text : drawnText(svg)) {
      Matcher m = LEGEND_ENTRY.matcher(text);
      if (m.matches()) {
        legend.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    return legend;
  }
}
