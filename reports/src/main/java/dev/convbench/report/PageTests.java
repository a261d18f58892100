package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.Comparison;
import dev.convbench.analysis.TestFamily;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every test one report page makes, adjusted as one family ({@link TestFamily}, Holm's method): the findings' and
 * the baseline column's. A pair of cells compared in both places (final test accuracy of a cell against the
 * baseline, also a finding) is one test. Built before any of the page is written, because each adjusted p-value
 * depends on every test on the page.
 *
 * @param family the page's tests
 * @param findings the findings, drafted
 * @param baseline the baseline column's comparison of each other cell's final test accuracy with the baseline's,
 *     by cell (identity: cells are the page's own objects); a cell is absent when either side has no completed run or both are at chance level (not compared)
 */
// Cells are compared by identity on purpose: the baseline is one of the page's own cell objects.
@SuppressWarnings("ReferenceEquality")
record PageTests(TestFamily family, Findings findings, Map<CellSummary, Comparison> baseline) {

  static PageTests of(ReportModel model) {
    TestFamily family = new TestFamily();
    Findings findings = Findings.draft(model, family);
    IdentityHashMap<CellSummary, Comparison> baseline = new IdentityHashMap<>();
    Optional<CellSummary> base = model.baseline();
    base.ifPresent(b -> {
      for (CellSummary cell : model.cells()) {
        if (cell != b && !cell.finalAccuracy().isEmpty() && !b.finalAccuracy().isEmpty()
            && !Findings.bothAtChance(cell, b)) {
          baseline.put(cell, Findings.finalAccuracy(family, cell, b));
        }
      }
    });
    return new PageTests(family, findings, Collections.unmodifiableMap(baseline));
  }
}
