package dev.convbench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One results directory as read back from disk.
 *
 * @param directory the results directory
 * @param manifest its {@code experiment.json}, {@code null} when missing or unreadable
 * @param experimentText its {@code experiment.yaml}, {@code null} when missing
 * @param runs its runs: those the manifest lists, in its order, then any others by name
 */
public record ExperimentResults(Path directory, ExperimentManifest manifest, String experimentText,
    List<RunResult> runs) {

  public ExperimentResults {
    runs = List.copyOf(runs);
  }

  /** The experiment's name: from the manifest, else the directory's name. */
  public String name() {
    return manifest != null && manifest.name() != null ? manifest.name() : String.valueOf(directory.getFileName());
  }

  /** The manifest, if there is one. */
  public Optional<ExperimentManifest> manifestIfPresent() {
    return Optional.ofNullable(manifest);
  }
}
