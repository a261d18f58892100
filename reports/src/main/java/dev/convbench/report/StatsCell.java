package dev.convbench.report;

import dev.convbench.analysis.SampleStats;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The table cell of a statistic over a cell's runs, sorting by the mean:
 * <ul>
 *   <li>no value: {@link Formats#MISSING};
 *   <li>one value: the value alone and {@code n=1}, with neither ± nor interval, since one run has no spread to show;
 *   <li>several: mean ± standard deviation, {@code n=N}, and the 95 % interval of the mean below when asked for.
 * </ul>
 * A narrow column may break a value before its ± and an interval after its {@code CI}, nowhere else, so that a
 * wide table fits its page without tearing numbers from their units. A value shown with its interval, the one a
 * reader compares first, stays on one line: its column gives way last.
 */
final class StatsCell {

  /** Where a value may break: before {@code ± spread}. */
  static final Pattern BEFORE_SPREAD = Pattern.compile(" (?=± )");
  /** No break at all. */
  private static final Pattern NOWHERE = Pattern.compile("(?!)");
  /** Where an interval may break: between {@code 95 % CI} and its bounds. */
  private static final Pattern AFTER_CI = Pattern.compile("(?<=CI) ");

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
    h.breakableText(format.apply(stats), interval == null ? BEFORE_SPREAD : NOWHERE).text(" ").element("span", "n=" + stats.n(), "class", "n");
    if (interval != null && stats.n() > 1) {
      h.open("span", "class", "ci").breakableText(interval.apply(stats), AFTER_CI).close("span");
    }
    h.close("td");
  }
}
