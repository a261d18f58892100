package dev.convbench.cli;

import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.HistoryEntry;
import dev.convbench.results.HistoryFiles;
import dev.convbench.results.HistoryRenderer;
import dev.convbench.results.ResultsLayout;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code convbench history add|report}: keeps one small entry per commit and experiment in a history directory and
 * draws the trends over commits. The entry format is {@link HistoryEntry}; the files are {@link HistoryFiles}'.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = {"Results over commits: add a commit's summary to a history directory, or draw the trends."},
    subcommands = {HistoryCommand.Add.class, HistoryCommand.Report.class})
final class HistoryCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add or report (see --help)");
  }

  /** {@code convbench history add}: writes one entry file. */
  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Add a commit's results to a history directory: one new file "
          + "HISTORY_DIR/<experiment>/<UTC time>-<short commit>.json; existing files are never changed.",
          "Speed is also stored relative to --yardstick, a `convbench bench --json` result measured in the same "
              + "job."})
  static final class Add implements Callable<Integer> {

    private final CommandContext context;

    @Parameters(index = "0", paramLabel = "HISTORY_DIR", description = "The history directory (created if needed).")
    Path historyDir;

    @Option(names = "--summary", required = true, paramLabel = "FILE",
        description = "The experiment's " + ResultsLayout.SUMMARY_FILE + ", or the results directory holding it.")
    Path summary;

    @Option(names = "--commit", required = true, paramLabel = "SHA", description = "The commit's hash.")
    String commit;

    @Option(names = "--branch", paramLabel = "NAME", description = "The branch the commit is on.")
    String branch;

    @Option(names = "--label", paramLabel = "TEXT",
        description = "A label for the commit on the trend page (a tag; a note that the hash is made up).")
    String label;

    @Option(names = "--commit-time", paramLabel = "ISO-8601",
        description = "When the commit was made (git show -s --format=%%cI); entries are ordered by it.")
    String commitTime;

    @Option(names = "--yardstick", paramLabel = "FILE",
        description = "The yardstick measured in the same job: what `convbench bench … --json` wrote.")
    Path yardstick;

    @Inject
    Add(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      if (!HistoryFiles.isCommitHash(commit)) {
        throw new UserInputException("--commit expects a commit hash (4 to 64 hexadecimal digits), not '" + commit
            + "'");
      }
      String committed = null;
      if (commitTime != null) {
        try {
          committed = OffsetDateTime.parse(commitTime).toInstant().toString();
        } catch (DateTimeParseException e) {
          throw new UserInputException("--commit-time expects an ISO-8601 time such as 2026-12-01T10:15:30+01:00, not '"
              + commitTime + "'");
        }
      }
      Path summaryFile = context.resolve(summary);
      if (Files.isDirectory(summaryFile)) {
        summaryFile = summaryFile.resolve(ResultsLayout.SUMMARY_FILE);
      }
      ExperimentSummary read;
      HistoryEntry.Yardstick measured;
      try {
        read = ExperimentSummaries.read(summaryFile);
        measured = yardstick == null ? null : HistoryFiles.readYardstick(context.resolve(yardstick));
      } catch (ExperimentSummaries.SummaryFormatException | HistoryFiles.HistoryFormatException e) {
        throw new UserInputException(e.getMessage());
      }
      Path dir = context.resolve(historyDir);
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new UserInputException(dir + " is a file, not a history directory");
      }
      HistoryEntry entry = HistoryFiles.entry(read, commit, label, branch, committed, measured,
          context.clock().instant());
      context.out().println(HistoryFiles.write(entry, dir));
      return ExitCode.OK;
    }
  }

  /** {@code convbench history report}: the trend page. */
  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Draw the trends of a history directory over commits into one HTML page, OUT/index.html: per "
          + "cell final accuracy, time to target and speed relative to the yardstick; a table of the entries; the "
          + "machines. A damaged entry is skipped with a warning naming it."})
  static final class Report implements Callable<Integer> {

    private final CommandContext context;
    private final Provider<Optional<HistoryRenderer>> renderer;

    @Parameters(index = "0", paramLabel = "HISTORY_DIR", description = "The history directory.")
    Path historyDir;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write index.html.")
    Path out;

    @Inject
    Report(CommandContext context, Provider<Optional<HistoryRenderer>> renderer) {
      this.context = context;
      this.renderer = renderer;
    }

    @Override
    public Integer call() throws IOException {
      Path dir = context.resolve(historyDir);
      if (!Files.isDirectory(dir)) {
        throw new UserInputException("no history directory at " + dir);
      }
      List<String> warnings = new ArrayList<>();
      List<HistoryEntry> entries = HistoryFiles.read(dir, warning -> {
        warnings.add(warning);
        context.err().println("warning: " + warning);
      });
      if (entries.isEmpty()) {
        throw new UserInputException("no history entries in " + dir + (warnings.isEmpty() ? ""
            : " that can be read (" + (warnings.size() == 1 ? "1 skipped" : warnings.size() + " skipped") + ")")
            + "; add one with `convbench history add`");
      }
      HistoryRenderer found = renderer.get().orElseThrow(() -> new IllegalStateException(
          "no history renderer on the classpath (the convbench-reports jar is missing)"));
      context.out().println(found.render(entries, warnings, context.resolve(out)));
      return ExitCode.OK;
    }
  }
}
