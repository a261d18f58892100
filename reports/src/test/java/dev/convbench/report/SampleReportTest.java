package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaves a report with every section filled (from {@link ResultsFixture#diagnostic}, made-up numbers) where
 * {@code ci/browser-check.sh} finds it: {@code convbench.sampleReportDir} (set by this module's POM to
 * {@code target/sample-report}). The real-run report comes from the end-to-end test; this one makes sure the
 * sections that need diagnostics also render in a browser.
 */
class SampleReportTest {

  @TempDir
  Path tmp;

  @Test
  void writesTheFixtureReportForTheBrowserCheck() throws IOException {
    Path results = ResultsFixture.diagnostic(tmp.resolve("browser-check-fixture (made-up numbers)"), true);
    String dir = System.getProperty("convbench.sampleReportDir");
    Path out = dir == null ? tmp.resolve("report") : Path.of(dir);
    Path index = new HtmlReportRenderer().render(List.of(results), out);
    assertTrue(Files.size(index) > 0);
  }
}
