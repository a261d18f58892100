package dev.convbench.results;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Appends rows to a new CSV file, flushing each so that a killed process loses at most the row being written. */
final class CsvAppender implements Closeable {

  private final Writer out;

  /** Creates {@code file} (which must not exist) and writes the header. */
  CsvAppender(Path file, List<String> columns) throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    append(MetricsCsv.header(columns));
  }

  /**
   * Writes one line. The row and its line end go out in one write, so a reader can tell a complete last row (ends
   * with a line break) from a cut one. Flushing hands the bytes to the OS, which keeps them if the JVM dies; no
   * fsync, since losing the last rows on a power cut is acceptable and fsync per row is not free.
   */
  void append(String row) throws IOException {
    out.write(row + "\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
