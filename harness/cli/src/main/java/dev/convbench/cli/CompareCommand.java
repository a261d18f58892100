package dev.convbench.cli;

import dev.convbench.analysis.SummaryComparison;
import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.analysis.Gate;
import dev.convbench.analysis.GatedComparison;
import dev.convbench.analysis.PValueAdjustment;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.Results;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.ResultsReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convbench compare BASE NEW}: two result sets cell by cell, with gates for CI. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compare two result sets cell by cell (cells matched by label): final and best accuracy, time and "
        + "epochs to target, step time; each change with its 95 %% interval, Welch's p, Hedges' g and a verdict.",
        "BASE and NEW are each a results.json, a results or report directory holding one, or a results directory "
            + "without one (its summary is built from its runs).",
        "Exit code 4 when a --fail-on gate fails."})
final class CompareCommand implements Callable<Integer> {

  /** Where the comparison is written under {@code --out}. */
  static final String MARKDOWN_FILE = "comparison.md";
  static final String JSON_FILE = "comparison.json";

  private final CommandContext context;

  @Parameters(index = "0", paramLabel = "BASE", description = "The reference results (e.g. the main branch's).")
  Path base;

  @Parameters(index = "1", paramLabel = "NEW", description = "The results compared against it.")
  Path candidate;

  @Option(names = "--fail-on", paramLabel = "GATE", converter = GateConverter.class,
      description = {"Exit with code 4 when a matched cell regresses significantly by at least this much: "
          + "accuracy-drop=Npp (final accuracy, percentage points), step-time=+N%%, time-to-target=+N%%. Repeatable."})
  List<Gate> gates = List.of();

  @Option(names = "--allow-underpowered",
      description = "A gated metric that cannot be tested (fewer than 2 runs on a side, or no spread over seeds) is "
          + "reported untested instead of failing the gate.")
  boolean allowUnderpowered;

  @Option(names = "--out", paramLabel = "DIR", description = "Write comparison.md and comparison.json there.")
  Path out;

  @Option(names = "--markdown", paramLabel = "FILE",
      description = "Write the Markdown (for a GitHub job summary or pull-request comment) to FILE.")
  Path markdown;

  @Option(names = "--base-name", paramLabel = "NAME",
      description = "What the output calls BASE, e.g. 'main @ 1a2b3c4' (default: its experiment's name).")
  String baseName;

  @Option(names = "--new-name", paramLabel = "NAME", description = "What the output calls NEW (default: its "
      + "experiment's name).")
  String newName;

  @Inject
  CompareCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    Path basePath = context.resolve(base);
    Path newPath = context.resolve(candidate);
    Loaded baseSide = load(basePath, "BASE");
    Loaded newSide = load(newPath, "NEW");
    SummaryComparison comparison = SummaryComparison.of(baseSide.summary(), newSide.summary(), PValueAdjustment.HOLM);
    if (comparison.cells().isEmpty()) {
      throw new UserInputException("BASE and NEW have no cell label in common (base: " + labels(baseSide.summary())
          + "; new: " + labels(newSide.summary()) + "): nothing to compare; give results of the same experiment");
    }
    GatedComparison gated = GatedComparison.of(comparison,
        baseName != null ? baseName : baseSide.summary().experiment(), baseSide.source().toString(),
        newName != null ? newName : newSide.summary().experiment(), newSide.source().toString(), gates,
        allowUnderpowered);
    context.out().print(ComparisonTable.render(gated));
    String markdownText = ComparisonMarkdown.render(gated);
    if (out != null) {
      Path dir = Files.createDirectories(context.resolve(out));
      writeText(dir.resolve(MARKDOWN_FILE), markdownText);
      gated.write(dir.resolve(JSON_FILE), context.clock().instant());
    }
    if (markdown != null) {
      Path file = context.resolve(markdown);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      writeText(file, markdownText);
    }
    context.err().println(ComparisonTable.verdictLine(gated));
    return gated.failed() ? ExitCode.GATE_FAILED : ExitCode.OK;
  }

  private static void writeText(Path file, String text) throws IOException {
    dev.convbench.results.AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String labels(ExperimentSummary summary) {
    List<String> labels = summary.cells().stream().map(c -> c.label()).toList();
    return labels.isEmpty() ? "no cells" : String.join(", ", labels.size() > 5 ? labels.subList(0, 5) : labels)
        + (labels.size() > 5 ? ", …" : "");
  }

  /** A side's summary and the file or directory it came from. */
  record Loaded(ExperimentSummary summary, Path source) {}

  /**
   * Reads one side: a {@code results.json}, a directory holding one, or a results directory without one (its summary
   * built from its runs, as {@code report} builds it).
   */
  static Loaded load(Path path, String role) throws IOException {
    if (!Files.exists(path)) {
      throw new UserInputException(role + " " + path + ": no such file or directory; give a results.json, or a "
          + "results or report directory");
    }
    Path file = Files.isDirectory(path) ? path.resolve(ResultsLayout.SUMMARY_FILE) : path;
    if (Files.isRegularFile(file)) {
      try {
        return new Loaded(ExperimentSummaries.read(file), file);
      } catch (ExperimentSummaries.SummaryFormatException e) {
        String fix = e.getMessage().endsWith("newer convbench") ? ""
            : "; give a results.json written by convbench, or rebuild it with 'convbench report RESULTS_DIR'";
        throw new UserInputException(role + " " + e.getMessage() + fix);
      }
    }
    Results results = new ResultsReader(warning -> {}).read(path);
    if (results.runs().isEmpty()) {
      throw new UserInputException(role + " " + path + ": no " + ResultsLayout.SUMMARY_FILE + " and no runs in "
          + "this directory; give a results directory written by 'run', a report directory, or a results.json");
    }
    return new Loaded(ExperimentSummaries.of(results), path);
  }

  /** {@code --fail-on}'s values; a bad one names the valid gates (picocli: exit code 2). */
  static final class GateConverter implements CommandLine.ITypeConverter<Gate> {
    @Override
    public Gate convert(String value) {
      try {
        return Gate.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
