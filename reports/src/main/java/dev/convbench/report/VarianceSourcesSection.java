package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.StreamVariance;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section {@code variance-sources}: for each cell whose runs vary one random stream's seed while holding the
 * others, the standard deviation of final test accuracy each source accounts for ({@link StreamVariance}), so a
 * reader can tell whether weight initialisation, data order or augmentation dominates the spread over seeds.
 */
final class VarianceSourcesSection {

  private static final Map<String, String> SOURCE_NAMES = Map.of(
      StreamVariance.INIT, "weight initialisation",
      StreamVariance.DATA_ORDER, "data order",
      StreamVariance.AUGMENTATION, "augmentation (crops, flips, dropout)",
      StreamVariance.ALL, "all three together (one seed per run)");

  private VarianceSourcesSection() {}

  static void write(PageWriter page) {
    HtmlWriter h = page.h;
    List<CellSummary> cells = page.model.cells();
    boolean any = cells.stream().anyMatch(c -> !StreamVariance.of(c).isEmpty());
    if (!any) {
      h.element("p", "No cell varies one random stream while holding the others, so the spread over seeds is not "
          + "split by its source. Seeds per stream in the experiment file (for instance seeds: [{init: 3}, "
          + "{data-order: 3}, {augmentation: 3}]) show here whether weight initialisation, data order or "
          + "augmentation dominates.", "class", "note");
      return;
    }
    h.open("div", "class", "scroll").open("table", "id", "variance-sources-table", "class", "sortable")
        .open("thead").open("tr");
    for (String column : List.of("Cell", "Seeds varied", "Runs", "Std of final test accuracy")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (CellSummary c : cells) {
      for (StreamVariance v : StreamVariance.of(c)) {
        h.open("tr").open("td", "data-sort", c.label(), "class", "label");
        page.chip(c.label());
        h.text(c.label()).close("td");
        h.element("td", SOURCE_NAMES.get(v.source()), "data-source", v.source());
        h.element("td", v.sets() == 1 ? Integer.toString(v.runs())
            : v.runs() + " in " + v.sets() + " sets", "class", "num", "data-sort", Integer.toString(v.runs()));
        h.element("td", String.format(Locale.ROOT, "%.2f pp", v.std() * 100), "class", "num", "data-sort",
            Double.toString(v.std()));
        h.close("tr");
      }
    }
    h.close("tbody").close("table").close("div");
    h.element("p", "Each row is the sample standard deviation of final test accuracy, in percentage points, over "
        + "the completed runs that differ only in the seeds named, the other streams' seeds held fixed; where "
        + "several such sets exist (a cross product of seeds) their variances are pooled. Augmentation's seed also "
        + "draws dropout masks. A standard deviation from few runs is rough: from 3 runs, its 95 % interval spans "
        + "about half to six times the estimate, so compare sources only when the difference is large or the runs "
        + "are many.", "class", "note");
  }
}
