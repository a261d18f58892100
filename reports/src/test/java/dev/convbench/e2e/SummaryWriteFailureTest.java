package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code results.json} that cannot be written (here: a directory stands in its place, as a full disk would refuse
 * it) does not cost the report: the report is still written, and the one line says both, with exit code 1.
 */
class SummaryWriteFailureTest {

  @TempDir
  Path work;

  private Path file;
  private Path out;

  /** A finished one-run experiment whose results.json is then replaced by a directory that cannot be replaced. */
  private Path finishedWithTheSummaryInTheWay() throws Exception {
    Path data = CifarFiles.write(work.resolve("cifar"), 40, 7);
    file = work.resolve("summary.yaml");
    Files.writeString(file, "name: summary\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 1, batch-size: 20}\nmatrix: {architecture: [baseline-cnn]}\n");
    out = work.resolve("out");
    Cli.Result first = Cli.run(work, "run", file.toString(), "--out", out.toString());
    assertEquals(0, first.exitCode(), first.err());
    Path summary = out.resolve("results.json");
    Files.delete(summary);
    Files.writeString(Files.createDirectory(summary).resolve("in-the-way"), "");
    Files.delete(out.resolve("report").resolve("index.html"));
    return summary;
  }

  @Test
  void theReportIsWrittenWhenTheSummaryCannotBeAndTheLineSaysSo() throws Exception {
    Path summary = finishedWithTheSummaryInTheWay();

    Cli.Result again = Cli.run(work, "run", file.toString(), "--out", out.toString());

    assertEquals(1, again.exitCode(), again.err());
    assertTrue(Files.isRegularFile(out.resolve("report").resolve("index.html")), "the report is written");
    String last = again.err().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("error: cannot write " + summary + " (") && last.contains("; the report was written"),
        last);
    assertFalse(again.err().contains("\tat "), "no stack trace on the terminal: " + again.err());
  }

  @Test
  void whenTheReportCannotBeWrittenEitherTheLineSaysWhy() throws Exception {
    Path summary = finishedWithTheSummaryInTheWay();
    Path reportDirectory = out.resolve("report");
    Files.delete(reportDirectory);
    Files.writeString(reportDirectory, "a file where the report's directory goes");

    Cli.Result again = Cli.run(work, "run", file.toString(), "--out", out.toString());

    assertEquals(1, again.exitCode(), again.err());
    String last = again.err().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("error: cannot write " + summary + " (")
        && last.contains("; nor could the report be written (" + reportDirectory), last);
  }

  @Test
  void withNoReportAskedForTheLineNamesOnlyTheSummary() throws Exception {
    Path summary = finishedWithTheSummaryInTheWay();

    Cli.Result again = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");

    assertEquals(1, again.exitCode(), again.err());
    assertFalse(Files.exists(out.resolve("report").resolve("index.html")), "no report was asked for");
    String last = again.err().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(last.startsWith("error: cannot write " + summary + " (") && !last.contains("report"), last);
  }
}
