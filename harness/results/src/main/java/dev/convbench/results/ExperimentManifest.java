package dev.convbench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param autoPrecision what {@code precision: auto} was resolved to ({@code fp32}, {@code bf16} or {@code fp16}) by
 *     the process that wrote the directory's first {@code experiment.json}; later processes on the directory compute
 *     in it too, so that every run of one setting has one identity whichever machine trains it. {@code null} when no
 *     run asks for auto (then not written)
 */
public record ExperimentManifest(String name, String description, String baseline, List<String> runIds,
    String definition, @JsonInclude(JsonInclude.Include.NON_NULL) String autoPrecision) {

  public ExperimentManifest {
    runIds = runIds == null ? List.of() : List.copyOf(runIds);
  }

  /**
   * The manifest of an experiment named {@code name} whose runs are {@code runs}, in matrix order, and what
   * {@code precision: auto} means for it ({@code null} when no run asks for auto).
   */
  public static ExperimentManifest of(String name, String description, String baseline, List<RunSpecRecord> runs,
      String autoPrecision) {
    return new ExperimentManifest(name, description, baseline, runs.stream().map(RunSpecRecord::runId).toList(),
        definition(runs), autoPrecision);
  }

  /** The {@link #definition} digest of {@code runs}, independent of their order. */
  public static String definition(List<RunSpecRecord> runs) {
    StringBuilder text = new StringBuilder();
    runs.stream().map(r -> r.runId() + " " + RunIdentity.specDigest(r) + "\n").sorted().forEach(text::append);
    return RunIdentity.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
