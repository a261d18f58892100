package dev.convbench.results;

import java.util.List;

/**
 * One or more results directories read by {@link ResultsReader}.
 *
 * @param experiments the directories, in the order given
 * @param warnings problems met while reading (skipped lines, unreadable runs), in the order met; a report should
 *     show them
 */
public record Results(List<ExperimentResults> experiments, List<String> warnings) {

  public Results {
    experiments = List.copyOf(experiments);
    warnings = List.copyOf(warnings);
  }

  /** Every run of every directory. */
  public List<RunResult> runs() {
    return experiments.stream().flatMap(e -> e.runs().stream()).toList();
  }
}
