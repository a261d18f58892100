package dev.convbench.cli;

import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.results.Counted;
import dev.convbench.results.ExperimentManifest;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.ReportRenderer;
import dev.convbench.results.ResultsReader;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convbench report DIR…}: rebuilds the HTML report from results alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Rebuild the HTML report from one or more results directories (several are merged, e.g. shards "
        + "written to separate directories).", "Runs the experiment defines but no directory holds are listed as "
        + "missing."})
final class ReportCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<Optional<ReportRenderer>> renderer;

  @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "Results directories written by 'run'.")
  List<Path> directories;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write index.html (default: <first dir>/report).")
  Path out;

  @Option(names = "--allow-mixed",
      description = "Merge directories that hold different experiment definitions (by default refused: shards of one "
          + "file merge, different files do not).")
  boolean allowMixed;

  @Inject
  ReportCommand(CommandContext context, Provider<Optional<ReportRenderer>> renderer) {
    this.context = context;
    this.renderer = renderer;
  }

  @Override
  public Integer call() throws IOException {
    List<Path> dirs = directories.stream().map(context::resolve).toList();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        throw new UserInputException("no results directory at " + d);
      }
    }
    if (!allowMixed) {
      checkOneDefinition(dirs);
    }
    Path target = out != null ? context.resolve(out) : dirs.get(0).resolve("report");
    // The summary first: the report links it when it finds it beside itself.
    Files.createDirectories(target);
    writeSummary(dirs, target.resolve(ResultsLayout.SUMMARY_FILE));
    render(context, renderer.get(), dirs, target);
    return ExitCode.OK;
  }

  /**
   * Refuses directories written from different experiment definitions: merged, their cells would be compared as if
   * they were one matrix. Directories written before definitions were recorded pass.
   */
  private static void checkOneDefinition(List<Path> dirs) throws IOException {
    Map<String, List<String>> byDefinition = new LinkedHashMap<>();
    for (Path dir : dirs) {
      Optional<ExperimentManifest> manifest;
      try {
        manifest = ResultsReader.readManifest(dir);
      } catch (IOException e) {
        continue; // the report shows the unreadable manifest as a warning
      }
      manifest.filter(m -> m.definition() != null).ifPresent(m -> byDefinition
          .computeIfAbsent(m.definition(), k -> new ArrayList<>())
          .add(dir + " (" + m.name() + ", " + Counted.of(m.runIds().size(), "run") + ")"));
    }
    if (byDefinition.size() > 1) {
      throw new UserInputException("the directories hold different experiment definitions: " + byDefinition.values()
          .stream().map(names -> String.join(", ", names)).collect(Collectors.joining(" vs "))
          + "; pass --allow-mixed to merge them anyway");
    }
  }

  /**
   * Writes the {@code results.json} summary of the runs in {@code dirs} to {@code file}: beside the runs after
   * training, beside the report it was computed with after {@code report}.
   */
  static void writeSummary(List<Path> dirs, Path file) throws IOException {
    // Reading warnings are in the summary itself (and in the report); nothing to print twice.
    ExperimentSummaries.write(ExperimentSummaries.of(new ResultsReader(warning -> {}).read(dirs)), file);
  }

  /** Renders and prints the report's path on standard output. */
  static void render(CommandContext context, Optional<ReportRenderer> renderer, List<Path> dirs, Path target)
      throws IOException {
    if (renderer.isEmpty()) {
      throw new IllegalStateException("no report renderer on the classpath (the convbench-reports jar is missing)");
    }
    Path index = renderer.get().render(dirs, target);
    context.out().println(index);
  }
}
