package dev.convbench.data;

import static dev.convbench.data.Cifar10Format.OFFICIAL_RECORDS;
import static dev.convbench.data.Cifar10Format.RECORD_BYTES;
import static dev.convbench.data.Cifar10Format.count;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads CIFAR-10 binary batch files into an {@link ImageSet}, checking every file on the way.
 *
 * <p>Contract: a file is accepted only if it exists, is not empty, its size is a whole multiple of
 * {@link Cifar10Format#RECORD_BYTES} and it holds at most {@link Cifar10Format#OFFICIAL_RECORDS} records, each
 * with a label 0–9. A file with fewer than the official 10,000 records is accepted only when the reader was made
 * with {@code allowPartial}; a partial data set is never returned silently. Every refusal is a
 * {@link DataException} whose message names the file.
 *
 * <p>Reading goes through one reusable chunk buffer straight into the final arrays, so the 150 MB training set is
 * copied once, not once per file plus once for concatenation.
 */
public final class Cifar10Reader {

  /** Records per read; about 3 MB, large enough for few system calls, small enough to stay cheap. */
  private static final int CHUNK_RECORDS = 1024;

  private final boolean allowPartial;

  /** @param allowPartial accept files holding fewer than the official 10,000 records */
  public Cifar10Reader(boolean allowPartial) {
    this.allowPartial = allowPartial;
  }

  /**
   * Number of records in {@code file}, judged by its size alone (labels are not read). Does not apply the partial
   * policy: a file of 1,017 records returns 1,017.
   *
   * @throws DataException the file is missing, unreadable, empty, not a whole number of records, or holds more
   *     records than an official file
   */
  public static int countRecords(Path file) throws DataException {
    long size;
    try {
      size = Files.size(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DataException("CIFAR-10 file " + file + " does not exist.");
    } catch (IOException e) {
      throw new DataException("Cannot read CIFAR-10 file " + file + ": " + e.getMessage(), e);
    }
    if (size == 0) {
      throw new DataException("CIFAR-10 file " + file + " is empty. Replace it with the file from the official "
          + "cifar-10-binary.tar.gz.");
    }
    if (size % RECORD_BYTES != 0) {
      throw new DataException("CIFAR-10 file " + file + " is truncated or corrupt: its size, " + count(size)
          + " bytes, is not a whole number of " + count(RECORD_BYTES) + "-byte records. Replace it with the file "
          + "from the official cifar-10-binary.tar.gz.");
    }
    long records = size / RECORD_BYTES;
    if (records > OFFICIAL_RECORDS) {
      throw new DataException("CIFAR-10 file " + file + " holds " + count(records) + " records, more than the "
          + count(OFFICIAL_RECORDS) + " of an official CIFAR-10 batch: it is not a CIFAR-10 binary batch file.");
    }
    return (int) records;
  }

  /**
   * {@link #countRecords} plus the partial policy.
   *
   * @throws DataException as {@link #countRecords}, or the file is partial and partial data was not allowed
   */
  public int checkedRecords(Path file) throws DataException {
    int records = countRecords(file);
    if (records < OFFICIAL_RECORDS && !allowPartial) {
      throw new DataException(partialMessage(file.toAbsolutePath().getParent(),
          Map.of(file.getFileName().toString(), records)));
    }
    return records;
  }

  /** Reads one file; see {@link #read(List)}. */
  public ImageSet read(Path file) throws DataException {
    return read(List.of(file));
  }

  /**
   * Reads the files and concatenates their records in the given order. All files are size-checked before any is
   * read, so a bad last file fails fast.
   *
   * @throws DataException a file fails a check described in the class documentation
   */
  public ImageSet read(List<Path> files) throws DataException {
    int[] records = new int[files.size()];
    long total = 0;
    for (int i = 0; i < files.size(); i++) {
      records[i] = checkedRecords(files.get(i));
      total += records[i];
    }
    if (total * ImageSet.IMAGE_BYTES > Integer.MAX_VALUE - 16) {
      throw new DataException("Too many CIFAR-10 records to hold in memory at once: " + count(total) + ".");
    }
    byte[] pixels = new byte[(int) total * ImageSet.IMAGE_BYTES];
    byte[] labels = new byte[(int) total];
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_RECORDS * RECORD_BYTES);
    int first = 0;
    for (int i = 0; i < files.size(); i++) {
      readInto(files.get(i), records[i], chunk, pixels, labels, first);
      first += records[i];
    }
    return new ImageSet(pixels, labels, (int) total);
  }

  @SuppressWarnings("ByteBufferBackingArray") // chunk comes from ByteBuffer.allocate: its array starts at offset 0
  private static void readInto(Path file, int records, ByteBuffer chunk, byte[] pixels, byte[] labels, int first)
      throws DataException {
    byte[] bytes = chunk.array();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int done = 0; done < records; ) {
        int n = Math.min(CHUNK_RECORDS, records - done);
        chunk.clear().limit(n * RECORD_BYTES);
        while (chunk.hasRemaining()) {
          if (channel.read(chunk) < 0) {
            throw new DataException("CIFAR-10 file " + file + " became shorter while it was read; is something "
                + "else writing it?");
          }
        }
        for (int r = 0; r < n; r++) {
          int at = r * RECORD_BYTES;
          int label = bytes[at] & 0xFF;
          int record = done + r;
          if (label >= ImageSet.CLASSES) {
            throw new DataException(badLabelMessage(file, record, label));
          }
          labels[first + record] = (byte) label;
          System.arraycopy(bytes, at + 1, pixels, (first + record) * ImageSet.IMAGE_BYTES, ImageSet.IMAGE_BYTES);
        }
        done += n;
      }
    } catch (IOException e) {
      throw new DataException("Cannot read CIFAR-10 file " + file + ": " + e.getMessage(), e);
    }
  }

  static String badLabelMessage(Path file, int record, int label) {
    return "CIFAR-10 file " + file + " is corrupt: record " + count(record) + " (counting from 0, at byte offset "
        + count((long) record * RECORD_BYTES) + ") has label " + label + ", but CIFAR-10 labels are 0–9. Replace "
        + "the file with the one from the official cifar-10-binary.tar.gz (note: CIFAR-100 files, which have two "
        + "label bytes per record, cannot be read as CIFAR-10).";
  }

  /**
   * The refusal of a partial data set: which files are short, by how much, and how to accept them.
   *
   * @param partialFiles records found, by file name, of every file holding fewer than 10,000 (in a stable order)
   */
  static String partialMessage(Path directory, Map<String, Integer> partialFiles) {
    List<String> names = new ArrayList<>(partialFiles.keySet());
    String firstName = names.get(0);
    StringBuilder message = new StringBuilder("The directory ").append(directory)
        .append(" holds a partial CIFAR-10 (").append(count(partialFiles.get(firstName))).append(" records in ")
        .append(firstName).append(" instead of ").append(count(OFFICIAL_RECORDS));
    if (names.size() > 1) {
      message.append("; also partial: ");
      for (int i = 1; i < names.size(); i++) {
        message.append(i > 1 ? ", " : "").append(names.get(i)).append(" (")
            .append(count(partialFiles.get(names.get(i)))).append(" records)");
      }
    }
    return message.append("). To use it anyway, ").append(Cifar10Format.ALLOW_PARTIAL_HINT)
        .append("; results will then be marked as trained on partial data.").toString();
  }
}
