package dev.convbench.analysis;

import dev.convbench.results.CellResult;
import java.util.List;
import java.util.Optional;

/**
 * A cell both summaries hold (matched by label), and its metrics compared.
 *
 * @param label the cell's label
 * @param base the cell in the base summary
 * @param candidate the cell in the new summary
 * @param metrics the {@linkplain SummaryComparison#METRICS compared metrics} in that order, those neither side measured
 *     left out
 */
public record CellComparison(String label, CellResult base, CellResult candidate, List<MetricComparison> metrics) {

  public CellComparison {
    metrics = List.copyOf(metrics);
  }

  /** The comparison of metric {@code name}, empty when neither side measured it. */
  public Optional<MetricComparison> metric(String name) {
    return metrics.stream().filter(m -> m.metric().equals(name)).findFirst();
  }
}
