package dev.convbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns history entries into a trend page. Found with {@link java.util.ServiceLoader} like {@link ReportRenderer}
 * (module {@code convbench-reports} provides an HTML one), for the same reasons: the charting libraries stay out of
 * the harness, and the CLI does not depend on the report module.
 *
 * <p>Implementations need a public no-argument constructor and must be usable repeatedly and from several threads
 * with different output directories.
 */
public interface HistoryRenderer {

  /**
   * Renders the entries' trends over commits.
   *
   * @param entries the entries, in the order {@link HistoryFiles#read} returns them (by experiment, then commit)
   * @param warnings problems met while reading them (skipped entries), shown on the page
   * @param outputDir directory to write into, created if needed; an existing page in it is replaced
   * @return the page's entry file, e.g. {@code outputDir/index.html}
   * @throws IOException if the page cannot be written
   */
  Path render(List<HistoryEntry> entries, List<String> warnings, Path outputDir) throws IOException;
}
