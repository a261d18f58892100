package dev.convbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.training.Precision;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The content of {@code <out>/experiment.json}: what a results directory is about, without parsing the YAML.
 *
 * @param name experiment name
 * @param description free text, may be empty
 * @param baseline label of the cell the report compares the others against, or {@code null}
 * @param runIds every run of the experiment, in matrix order (including runs not yet done)
 * @param definition a digest of the experiment's runs (their ids and {@linkplain RunIdentity#specDigest settings}):
 *     equal for two directories written from the same file, wherever the data lay; {@code null} in directories
 *     written before it was recorded
 * @param autoPrecision what {@code precision: auto} was resolved to by the process that wrote the directory's first
 *     {@code experiment.json}; later processes on the directory compute in it too, so that every run of one setting
 *     has one identity whichever machine trains it. {@code null} when no run asks for auto (then not written)
 */
public record ExperimentManifest(String name, String description, String baseline, List<String> runIds,
    String definition, @JsonInclude(JsonInclude.Include.NON_NULL) Precision autoPrecision) {

  public ExperimentManifest {
    runIds = runIds == null ? List.of() : List.copyOf(runIds);
  }

  /** The manifest of an expanded experiment. */
  public static ExperimentManifest of(Experiment experiment) {
    return new ExperimentManifest(experiment.name(), experiment.description(), experiment.baseline(),
        experiment.runs().stream().map(RunSpec::runId).toList(), definition(experiment.runs()),
        experiment.autoPrecision());
  }

  /** The {@link #definition} digest of {@code runs}, independent of their order. */
  public static String definition(List<RunSpec> runs) {
    StringBuilder text = new StringBuilder();
    runs.stream().map(r -> r.runId() + " " + RunIdentity.specDigest(r) + "\n").sorted().forEach(text::append);
    return RunIdentity.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
