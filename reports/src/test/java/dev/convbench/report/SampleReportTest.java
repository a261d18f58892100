package dev.convbench.report;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleReportTest {
  @Test
  void writeSample() throws Exception {
    Path out = Path.of(System.getProperty("sample.out", "/tmp/rep4/sample"));
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("sample.out") != null);
    Path results = ResultsFixture.diagnostic(out.resolve("results"), true);
    new HtmlReportRenderer().render(List.of(results), out.resolve("report"));
  }
}
