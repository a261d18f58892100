package dev.convbench.results;

import java.util.List;

/**
 * An experiment's {@value ResultsLayout#SUMMARY_FILE}: every cell's parameters and its metrics over seeds, in a
 * documented, versioned format for other tools (in the spirit of JMH's JSON output). {@code convbench compare} and the
 * CI history read it; the per-run files stay the source of truth and the summary can always be rebuilt from them
 * ({@code convbench report}).
 *
 * @param format always {@value #FORMAT}, so a reader can tell the file apart from other JSON
 * @param formatVersion {@value #FORMAT_VERSION} for this release; a reader refuses a newer major version
 * @param experiment the experiment's name (several merged directories: their names joined with {@code +})
 * @param definition the experiment's definition digest ({@link ExperimentManifest#definition()}), {@code null} when
 *     unknown or when directories of different definitions were merged
 * @param generatedAt ISO-8601 instant the summary was written
 * @param machines the distinct machines and software the runs executed on
 * @param cells the cells, in matrix order
 * @param warnings problems met while reading the runs (the report shows the same ones)
 */
public record ExperimentSummary(String format, int formatVersion, String experiment, String definition,
    String generatedAt, List<Environment> machines, List<CellResult> cells, List<String> warnings) {

  /** The {@link #format} marker. */
  public static final String FORMAT = "convbench-results";

  /** The version this release writes. */
  public static final int FORMAT_VERSION = 1;

  public ExperimentSummary {
    machines = machines == null ? List.of() : List.copyOf(machines);
    cells = cells == null ? List.of() : List.copyOf(cells);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
