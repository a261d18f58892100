package dev.convbench.cli;

import dev.convbench.experiment.Experiment;
import dev.convbench.results.ReportRenderer;
import dev.convbench.results.ResultsLayout;
import dev.convbench.run.ExperimentRunner;
import dev.convbench.run.KeepModels;
import dev.convbench.run.StopSignal;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where a training command writes (the results directory, the report) and how it ends: summary and exit code. */
final class ResultsOptions {

  @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: results/<experiment name>).")
  Path out;

  @Option(names = "--no-report", description = "Do not write the HTML report.")
  boolean noReport;

  @Option(names = "--keep-models", paramLabel = "last|best|none", converter = KeepModelsConverter.class,
      description = "Which trained network each run keeps as a TensorFlow SavedModel in <run>/model/: the last "
          + "epoch's (default), the best evaluation accuracy's, or none.")
  KeepModels keepModels = KeepModels.LAST;

  /** Accepts the lower-case names the help shows. */
  static final class KeepModelsConverter implements picocli.CommandLine.ITypeConverter<KeepModels> {
    @Override
    public KeepModels convert(String value) {
      for (KeepModels k : KeepModels.values()) {
        if (k.id().equals(value)) {
          return k;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of last, best, none");
    }
  }

  Path directory(CommandContext context, Experiment experiment) {
    return out != null ? context.resolve(out)
        : context.workingDirectory().resolve("results").resolve(experiment.name());
  }

  /**
   * Prints the summary, writes {@code results.json} and the report unless asked not to, and returns the exit code;
   * after a stop asked by a signal, says how to continue and returns {@link ExitCode#INTERRUPTED_TERM} or
   * {@link ExitCode#INTERRUPTED_INT}.
   *
   * @throws IOException when {@code results.json} cannot be written, after the report was attempted, saying whether
   *     it was written; or when the report cannot be written
   */
  int finish(CommandContext context, Provider<Optional<ReportRenderer>> renderer, ExperimentRunner.Summary summary, Path outDir,
      StopSignal stop, String continueWith) throws IOException {
    StringBuilder line = new StringBuilder(String.format("%d completed, %d diverged, %d failed, %d kept from before",
        summary.completed(), summary.diverged(), summary.failed(), summary.kept()));
    if (summary.keptFailed() > 0) {
      line.append(String.format(", %d left failed (--retry-failed)", summary.keptFailed()));
    }
    if (!summary.heldElsewhere().isEmpty()) {
      line.append(String.format(", %d held by other processes", summary.heldElsewhere().size()));
    }
    if (summary.lost() > 0) {
      line.append(String.format(", %d taken over by other processes", summary.lost()));
    }
    context.err().println(line);
    Path summaryFile = outDir.resolve(ResultsLayout.SUMMARY_FILE);
    // The report is read from the runs' own files, not from the summary: a summary that cannot be written (a full
    // disk) must not cost the report too.
    IOException summaryFailure = null;
    try {
      ReportCommand.writeSummary(List.of(outDir), summaryFile);
    } catch (IOException e) {
      summaryFailure = e;
    }
    if (!noReport) {
      try {
        ReportCommand.render(context, renderer.get(), List.of(outDir), outDir.resolve("report"));
      } catch (IOException | RuntimeException e) {
        if (summaryFailure == null) {
          throw e;
        }
        summaryFailure.addSuppressed(e);
      }
    }
    if (stop.requested()) {
      context.err().println("interrupted" + (summary.interrupted() == null ? "" : " (" + summary.interrupted()
          + " continues from its checkpoint)") + "; to continue: " + continueWith);
    }
    if (summaryFailure != null) {
      String report = noReport ? "" : summaryFailure.getSuppressed().length == 0 ? "; the report was written"
          : "; nor could the report be written (" + FailureLog.oneLine(summaryFailure.getSuppressed()[0]) + ")";
      throw new IOException("cannot write " + summaryFile + " (" + FailureLog.oneLine(summaryFailure) + ")" + report,
          summaryFailure);
    }
    if (stop.requested()) {
      return Signals.exitCode(stop.signal());
    }
    return summary.allCompleted() ? ExitCode.OK : ExitCode.RUNS_FAILED;
  }
}
