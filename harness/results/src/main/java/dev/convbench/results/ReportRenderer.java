package dev.convbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns results directories into a report. The harness finds the implementation with {@link java.util.ServiceLoader}
 * (module {@code convbench-reports} provides an HTML one), which keeps charting libraries out of the harness and
 * avoids a dependency cycle between the CLI and the report module. It lives with the results format because a
 * renderer reads results and nothing else: an implementation needs this module, not the engine.
 *
 * <p>Implementations need a public no-argument constructor and must be usable repeatedly and from several threads
 * with different output directories.
 */
public interface ReportRenderer {

  /**
   * Renders a report of the runs in {@code resultDirs}, merged into one (for instance the same experiment run on
   * two machines, or several experiments to compare).
   *
   * <p>The report must reflect only what the directories hold: missing or damaged data is shown as missing, never
   * invented. Damaged files (a killed run's cut CSV line, an unreadable run) produce warnings in the report, not an
   * exception.
   *
   * @param resultDirs one or more results directories (read them with {@link ResultsReader})
   * @param outputDir directory to write into, created if needed; existing report files in it are replaced
   * @return the report's entry file, e.g. {@code outputDir/index.html}
   * @throws IOException if a results directory does not exist, or the report cannot be written
   */
  Path render(List<Path> resultDirs, Path outputDir) throws IOException;
}
