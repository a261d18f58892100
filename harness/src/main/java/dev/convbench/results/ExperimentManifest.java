package dev.convbench.results;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import java.util.List;

/**
 * The content of {@code <out>/experiment.json}: what a results directory is about, without parsing the YAML.
 *
 * @param name experiment name
 * @param description free text, may be empty
 * @param baseline label of the cell the report compares the others against, or {@code null}
 * @param runIds every run of the experiment, in matrix order (including runs not yet done)
 */
public record ExperimentManifest(String name, String description, String baseline, List<String> runIds) {

  public ExperimentManifest {
    runIds = runIds == null ? List.of() : List.copyOf(runIds);
  }

  /** The manifest of an expanded experiment. */
  public static ExperimentManifest of(Experiment experiment) {
    return new ExperimentManifest(experiment.name(), experiment.description(), experiment.baseline(),
        experiment.runs().stream().map(RunSpec::runId).toList());
  }
}
