package dev.convbench.results;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends rows to a CSV file, flushing each so that a killed process loses at most the row being written. Knows how
 * long the file is, so that a checkpoint can record it and a resumed run can cut the rows written after it.
 */
public final class CsvAppender implements Closeable {

  private final OutputStream out;
  private long length;

  private CsvAppender(FileChannel channel, long length) {
    this.out = Channels.newOutputStream(channel);
    this.length = length;
  }

  /** Creates {@code file} (which must not exist) and writes the header. */
  public static CsvAppender create(Path file, List<String> columns) throws IOException {
    CsvAppender appender = new CsvAppender(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), 0);
    appender.append(MetricsCsv.header(columns));
    return appender;
  }

  /**
   * Opens {@code file} to go on appending after its first {@code length} bytes, cutting what follows (rows written
   * after the checkpoint being resumed, or half a row).
   */
  public static CsvAppender continueAt(Path file, long length) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
    try {
      if (channel.size() < length) {
        throw new IOException(file + " is shorter (" + channel.size() + " bytes) than its checkpoint recorded ("
            + length + ")");
      }
      channel.truncate(length);
      channel.position(length);
      return new CsvAppender(channel, length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Writes one line. The row and its line end go out in one write, so a reader can tell a complete last row (ends
   * with a line break) from a cut one. The bytes go straight to the OS, which keeps them if the JVM dies; no fsync,
   * since losing the last rows on a power cut is acceptable and fsync per row is not free.
   */
  public void append(String row) throws IOException {
    byte[] bytes = (row + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(bytes);
    length += bytes.length;
  }

  /** Bytes written so far: complete rows only. */
  public long length() {
    return length;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
