package dev.convbench.experiment;

import dev.convbench.data.DatasetOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated experiment file, expanded into its runs.
 *
 * @param name experiment name (names the default results directory {@code results/<name>/})
 * @param description free text, may be empty
 * @param source the file it was read from
 * @param sourceText the file's text as read (copied into results and the report)
 * @param dataset data settings shared by every run
 * @param runs every matrix cell × seed, in a stable order
 * @param baseline architecture label the report compares the others against, or {@code null}
 */
public record Experiment(String name, String description, Path source, String sourceText, DatasetOptions dataset,
    List<RunSpec> runs, String baseline) {
}
