package dev.convbench.report;

import dev.convbench.results.AtomicFiles;
import dev.convbench.results.HistoryEntry;
import dev.convbench.results.HistoryRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Renders history entries as one self-contained {@code index.html} ({@link HistoryPage}): inline CSS, SVG charts and
 * script, nothing from the network. Registered for {@link java.util.ServiceLoader} as a {@link HistoryRenderer}.
 */
public final class HtmlHistoryRenderer implements HistoryRenderer {

  private final Clock clock;

  /** A renderer stamping pages with the current time (the {@link java.util.ServiceLoader} constructor). */
  public HtmlHistoryRenderer() {
    this(Clock.systemUTC());
  }

  /** A renderer with a given clock (tests). */
  public HtmlHistoryRenderer(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public Path render(List<HistoryEntry> entries, List<String> warnings, Path outputDir) throws IOException {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("no history entries to render");
    }
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    String html = HistoryPage.render(entries, warnings, clock.instant());
    Files.createDirectories(outputDir);
    Path index = outputDir.resolve(HtmlReportRenderer.INDEX);
    AtomicFiles.write(index, html.getBytes(StandardCharsets.UTF_8));
    return index;
  }
}
