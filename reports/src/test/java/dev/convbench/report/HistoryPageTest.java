package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.Environment;
import dev.convbench.results.HistoryEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history page read through an HTML parser: charts per cell and metric, the entries, yardstick and machines. */
class HistoryPageTest {

  private static final Environment MACHINE = new Environment("2.16.2", "CPU", null, "Temurin 17", "Linux 6 (amd64)",
      "Xeon Gold", 2, "auto");
  private static final HistoryEntry.Yardstick YARDSTICK = new HistoryEntry.Yardstick("baseline-cnn", 64, 30, "fp32",
      "CPU", "TensorFlow's default", 2, 16.0, 15.0, 18.0, 14.0, 40.0, 4000.0);
  private static final String EVIL = "<script>alert(1)</script>";

  @TempDir
  static Path tmp;

  private static ReportDocument page;

  private static HistoryEntry.Metric metric(int n, double score) {
    return n < 2 ? new HistoryEntry.Metric(n, score, null, List.of())
        : new HistoryEntry.Metric(n, score, score / 10, List.of(score * 0.9, score * 1.1));
  }

  private static HistoryEntry.Cell cell(String label, double accuracy, Double seconds, boolean yardstick) {
    HistoryEntry.Metric ips = metric(2, 2000);
    return new HistoryEntry.Cell(label, "lenet5", 0.5, 2, metric(2, accuracy), seconds == null ? null : metric(2, 3),
        seconds == null ? null : metric(2, seconds), ips, metric(2, 0.025), yardstick ? ips.dividedBy(4000) : null);
  }

  private static HistoryEntry entry(String experiment, String commit, String label, String recorded,
      HistoryEntry.Yardstick yardstick, HistoryEntry.Cell... cells) {
    return new HistoryEntry(HistoryEntry.FORMAT, HistoryEntry.FORMAT_VERSION, experiment, "d", commit, label, "main",
        null, recorded, List.of(MACHINE), yardstick, List.of(cells));
  }

  @BeforeAll
  static void render() throws IOException {
    List<HistoryEntry> entries = List.of(
        entry("quick", "aaaaaaa1111", "v1", "2026-12-02T11:00:00Z", YARDSTICK, cell("baseline-cnn", 0.6, 12.0, true),
            cell("lenet5", 0.4, null, true)),
        entry("quick", "bbbbbbb2222", null, "2026-12-01T10:00:00Z", null, cell("baseline-cnn", 0.65, 11.0, false),
            cell("lenet5", 0.45, 20.0, false), cell(EVIL, 0.5, null, false)),
        entry("other", "ccccccc3333", null, "2026-12-03T10:00:00Z", YARDSTICK, cell("resnet18", 0.7, 30.0, true)));
    Path index = new HtmlHistoryRenderer(Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC))
        .render(entries, List.of("history/quick/x.json: not a history entry; entry skipped"), tmp.resolve("site"));
    assertEquals(tmp.resolve("site/index.html"), index);
    page = ReportDocument.read(index);
  }

  @Test
  void everyCellHasOneChartPerMetricAndTheSelfCheckExpectsExactlyThem() {
    List<String> expected = new ArrayList<>();
    for (String cell : List.of("1-1", "1-2", "1-3", "2-1")) {
      for (String metric : HistoryPage.METRICS) {
        expected.add("trend-" + cell + "-" + metric);
      }
    }
    for (String id : expected) {
      page.chart(id);
    }
    assertEquals(expected, page.selfCheckIds("charts"));
    assertEquals(expected, page.document().select("svg").eachAttr("id"), "no other charts");
    assertEquals(List.of("header", "warnings", "contents", "trends", "experiment-1", "trend-1-1", "trend-1-2",
        "trend-1-3", "experiment-2", "trend-2-1", "entries", "yardstick", "machines"), page.selfCheckIds("sections"));
  }

  @Test
  void theXAxisNamesEachEntrysCommitInHistoryOrder() {
    List<String> text = ReportDocument.drawnText(page.chart("trend-1-1-accuracy"));
    int first = text.indexOf("aaaaaaa v1");
    int second = text.indexOf("bbbbbbb");
    assertTrue(first >= 0 && second > first, text.toString());
    assertTrue(ReportDocument.drawnText(page.chart("trend-2-1-accuracy")).contains("ccccccc"));
  }

  @Test
  void aMetricNoEntryHasSaysWhyInsteadOfDrawingNothing() {
    // The third cell exists only in the entry without a yardstick, and never reached its target.
    assertTrue(ReportDocument.drawnText(page.chart("trend-1-3-speed")).contains("No yardstick measured"));
    assertTrue(ReportDocument.drawnText(page.chart("trend-1-3-time-to-target"))
        .contains("Target not reached at any commit"));
    assertTrue(!ReportDocument.drawnText(page.chart("trend-1-1-speed")).contains("No yardstick measured"));
  }

  @Test
  void theEntriesTableHasARowPerEntryAndCellWithItsNumbers() {
    List<Map<String, Element>> rows = page.rows("entries");
    assertEquals(6, rows.size());
    Map<String, Element> first = rows.get(0);
    assertEquals("aaaaaaa v1", first.get("Commit").text());
    assertEquals("aaaaaaa1111", first.get("Commit").selectFirst("code").attr("title"));
    assertEquals("baseline-cnn", first.get("Cell").text());
    assertEquals(0.6, ReportDocument.sortKey(first.get("Final test accuracy")), 1e-12);
    Element accuracy = first.get("Final test accuracy");
    assertEquals("60.00 % ± 6.00 %", accuracy.ownText());
    assertEquals("n=2", accuracy.selectFirst("span.n").text());
    assertEquals("95 % CI 54.00 % – 66.00 %", accuracy.selectFirst("span.ci").text());
    assertEquals(0.5, ReportDocument.sortKey(first.get("Speed vs yardstick")), 1e-12);
    assertEquals("—", rows.get(1).get("Time to target").text(), "lenet5 did not reach its target at the first commit");
    assertEquals("—", rows.get(2).get("Speed vs yardstick").text(), "no yardstick at the second commit");
    assertEquals(EVIL, rows.get(4).get("Cell").text(), "a label is text, never markup");
    assertEquals(1, page.document().select("script").size());
  }

  @Test
  void theYardstickMachinesAndSkippedEntriesAreListed() {
    List<Map<String, Element>> yardstick = page.rows("yardstick");
    assertEquals(List.of("aaaaaaa", "bbbbbbb", "ccccccc"), yardstick.stream().map(r -> r.get("Commit").text())
        .toList());
    assertEquals("16.0 ms", yardstick.get(0).get("Median step").text());
    assertEquals("15.0 ms – 18.0 ms", yardstick.get(0).get("IQR").text());
    assertEquals("none measured", yardstick.get(1).get("Architecture").text());

    List<Map<String, Element>> machines = page.rows("machines");
    assertEquals(1, machines.size());
    assertEquals("Xeon Gold × 2, device CPU, Linux 6 (amd64), TensorFlow 2.16.2, Temurin 17",
        machines.get(0).get("Machine").text());
    assertEquals("aaaaaaa, bbbbbbb, ccccccc", machines.get(0).get("Commits").text());

    assertTrue(page.byId("warnings").text().contains("history/quick/x.json: not a history entry; entry skipped"));
    assertEquals("3 entries of 3 commits, recorded from 2026-12-01 10:00:00 UTC to 2026-12-03 10:00:00 UTC.",
        page.byId("header").selectFirst("p").text());
  }
}
