package dev.convbench.report;

import dev.convbench.analysis.SampleStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The table cell of a statistic over runs, read back through an HTML parser. */
class StatsCellTest {

  private static Element accuracyCell(SampleStats stats) {
    HtmlWriter h = new HtmlWriter();
    StatsCell.write(h, stats, Formats::percentStats, Formats::percentInterval);
    return parse(h);
  }

  private static Element cell(SampleStats stats, Function<SampleStats, String> format) {
    HtmlWriter h = new HtmlWriter();
    StatsCell.write(h, stats, format);
    return parse(h);
  }

  private static Element parse(HtmlWriter h) {
    Element td = Jsoup.parseBodyFragment("<table><tr>" + h + "</tr></table>").selectFirst("td");
    assertEquals("num", td.className());
    return td;
  }

  private static String n(Element td) {
    return td.select("span.n").text();
  }

  private static String interval(Element td) {
    return td.select("span.ci").text();
  }

  /** The value: the pieces of text the cell keeps each on one line, before its n. */
  private static String value(Element td) {
    return String.join(" ", td.select("> span.nw").eachText());
  }

  @Test
  void noValueIsADashThatSortsLast() {
    Element td = accuracyCell(SampleStats.of());
    assertEquals(Formats.MISSING, td.text());
    assertEquals("", td.attr("data-sort"));
    assertTrue(td.select("span").isEmpty(), "no n and no interval: " + td);
  }

  @Test
  void oneValueIsShownAloneWithNOfOneAndNeitherSpreadNorInterval() {
    Element td = accuracyCell(SampleStats.of(0.74));
    assertEquals("74.00 % n=1", td.text());
    assertEquals("n=1", n(td));
    assertTrue(td.select("span.ci").isEmpty(), "no interval from one run: " + td);
    assertFalse(td.text().contains("±"));
    assertEquals(0.74, ReportDocument.sortKey(td), 1e-12);
    assertEquals("90.0 s n=1", cell(SampleStats.of(90), Formats::durationStats).text(), "every kind of value alike");
  }

  @Test
  void twoValuesShowMeanSpreadNAndTheWideIntervalOfOneDegreeOfFreedom() {
    Element td = accuracyCell(SampleStats.of(0.70, 0.74));
    assertEquals("72.00 ± 2.83 %", value(td));
    assertEquals("n=2", n(td));
    assertEquals("95 % CI 46.59–97.41 %", interval(td));
    assertEquals(0.72, ReportDocument.sortKey(td), 1e-12);
  }

  @Test
  void threeValuesShowMeanSpreadNAndInterval() {
    Element td = accuracyCell(SampleStats.of(0.73, 0.74, 0.75));
    assertEquals("74.00 ± 1.00 %", value(td));
    assertEquals("n=3", n(td));
    assertEquals("95 % CI 71.52–76.48 %", interval(td));
    assertEquals(0.74, ReportDocument.sortKey(td), 1e-12);
  }

  @Test
  void aCellWithoutIntervalShowsMeanSpreadAndNOnly() {
    Element td = cell(SampleStats.of(84, 88, 92), Formats::durationStats);
    assertEquals("88.0 ± 4.0 s n=3", td.text());
    assertTrue(td.select("span.ci").isEmpty(), td.toString());
  }

  /**
   * A narrow column breaks a value before its ± and an interval before its bounds, never inside a number; a value
   * with an interval not at all.
   */
  @Test
  void linesBreakOnlyBeforeTheSpreadAndBeforeTheIntervalsBounds() {
    Element td = accuracyCell(SampleStats.of(0.70, 0.74));
    assertEquals(List.of("72.00 ± 2.83 %"), td.select("> span.nw").eachText());
    assertEquals(List.of("95 % CI", "46.59–97.41 %"), td.select("span.ci > span.nw").eachText());
    assertEquals("", td.ownText().trim(), "no text outside the unbreakable pieces but the spaces between them");
    assertEquals(List.of("88.0", "± 4.0 s"),
        cell(SampleStats.of(84, 88, 92), Formats::durationStats).select("> span.nw").eachText());
    assertEquals(List.of("90.0 s"), cell(SampleStats.of(90), Formats::durationStats).select("> span.nw").eachText());
  }

  @Test
  void percentIntervalsAreClippedToTheAccuracyRange() {
    assertEquals("95 % CI 56.59–100.00 %", Formats.percentInterval(SampleStats.of(0.80, 0.84)), "clipped at 100 %");
    assertEquals("95 % CI 71.52–76.48 %", Formats.percentInterval(SampleStats.of(0.73, 0.74, 0.75)));
  }
}
