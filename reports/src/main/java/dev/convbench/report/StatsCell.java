package dev.convbench.report;

import dev.convbench.analysis.SampleStats;
import java.util.function.Function;

/**
 * The table cell of a statistic over a cell's runs, sorting by the mean:
 * <ul>
 *   <li>no value: {@link Formats#MISSING};
 *   <li>one value: the value alone and {@code n=1}, with neither ± nor interval, since one run has no spread to show;
 *   <li>several: mean ± standard deviation, {@code n=N}, and the 95 % interval of the mean below when asked for.
 * </ul>
 */
final class StatsCell {

  private StatsCell() {}

  /**
   * A cell without an interval.
   *
   * @param format the value as text; the {@code Formats.*Stats} methods show a single value without ±
   */
  static void write(HtmlWriter h, SampleStats stats, Function<SampleStats, String> format) {
    write(h, stats, format, null);
  }

  /**
   * A cell with the 95 % interval of the mean for two values or more.
   *
   * @param interval the interval as text, e.g. {@link Formats#percentInterval}; {@code null} for none
   */
  static void write(HtmlWriter h, SampleStats stats, Function<SampleStats, String> format,
      Function<SampleStats, String> interval) {
    h.open("td", "class", "num", "data-sort", stats.isEmpty() ? "" : Double.toString(stats.mean()));
    if (stats.isEmpty()) {
      h.text(Formats.MISSING).close("td");
      return;
    }
    h.text(format.apply(stats)).text(" ").element("span", "n=" + stats.n(), "class", "n");
    if (interval != null && stats.n() > 1) {
      h.element("span", interval.apply(stats), "class", "ci");
    }
    h.close("td");
  }
}
