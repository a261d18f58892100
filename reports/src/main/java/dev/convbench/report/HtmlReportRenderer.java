package dev.convbench.report;

import dev.convbench.results.ReportRenderer;
import dev.convbench.results.Results;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.ResultsReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders results directories as one self-contained {@code index.html}: inline CSS, charts as inline SVG, one short
 * inline script (table sorting and a self-check of the rendered page, see {@link ReportPage}), and no reference to
 * anything on the network, so the file can be mailed or published as is. Sections and the data they need are
 * listed in {@link ReportPage}; a section whose data the results lack says what is missing.
 *
 * <p>Registered for {@link java.util.ServiceLoader} as a {@link ReportRenderer}. Stateless apart from its clock;
 * safe to use from several threads.
 */
public final class HtmlReportRenderer implements ReportRenderer {

  /** The file {@link #render} writes. */
  public static final String INDEX = "index.html";

  private static final Logger LOG = LoggerFactory.getLogger(HtmlReportRenderer.class);

  private final Clock clock;

  /** A renderer stamping reports with the current time (the {@link java.util.ServiceLoader} constructor). */
  public HtmlReportRenderer() {
    this(Clock.systemUTC());
  }

  /** A renderer with a given clock for the report's date (tests). */
  public HtmlReportRenderer(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Path render(List<Path> resultDirs, Path outputDir) throws IOException {
    if (resultDirs.isEmpty()) {
      throw new IllegalArgumentException("no results directory given");
    }
    // Charts draw with AWT; without a display it must run headless. Respect an explicit setting.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // Each warning is logged as it is met, and shown in the report.
    Results results = new ResultsReader(LOG::warn).read(resultDirs);
    ReportModel model = ReportModel.of(results, clock.instant());
    String html = ReportPage.render(model, summaryLink(resultDirs, outputDir));

    Files.createDirectories(outputDir);
    Path index = outputDir.resolve(INDEX);
    // Write next to the target and rename, so a browser or web server never sees half a report. A unique temporary
    // name: several processes sharing a results directory may finish, and write the report, at the same moment.
    Path tmp = outputDir.resolve("." + INDEX + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw e instanceof java.nio.file.FileSystemException ? e
          : new IOException("cannot write the report " + index + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return index;
  }

  /**
   * The link from the report to the experiment's machine-readable summary, or {@code null} when there is none yet:
   * the {@value ResultsLayout#SUMMARY_FILE} beside the report ({@code convbench report} writes it there), else the
   * one in the results directory of a single-directory report ({@code convbench run} writes it there, and its report
   * into {@code report/} below).
   */
  static String summaryLink(List<Path> resultDirs, Path outputDir) {
    if (Files.isRegularFile(outputDir.resolve(ResultsLayout.SUMMARY_FILE))) {
      return ResultsLayout.SUMMARY_FILE;
    }
    if (resultDirs.size() == 1) {
      Path summary = resultDirs.get(0).resolve(ResultsLayout.SUMMARY_FILE).toAbsolutePath().normalize();
      if (Files.isRegularFile(summary)) {
        Path relative = outputDir.toAbsolutePath().normalize().relativize(summary);
        return StreamSupport.stream(relative.spliterator(), false).map(Path::toString)
            .collect(Collectors.joining("/"));
      }
    }
    return null;
  }
}
