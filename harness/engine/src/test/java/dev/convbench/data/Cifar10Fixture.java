package dev.convbench.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Small CIFAR-10 files in the real binary format, with contents a test can predict: record {@code i} of file
 * {@code f} (1–5 training, 6 test) has label {@code (i + f) % 10}, and its first three pixel bytes encode
 * {@code f} and {@code i}, so any image read back tells where it came from.
 */
final class Cifar10Fixture {

  static final int TEST_FILE_NUMBER = 6;

  private Cifar10Fixture() {
  }

  static int label(int file, int index) {
    return (index + file) % 10;
  }

  /** The pixel byte {@code k} of record {@code index} in file {@code file}. */
  static byte pixel(int file, int index, int k) {
    return switch (k) {
      case 0 -> (byte) file;
      case 1 -> (byte) (index >> 8);
      case 2 -> (byte) index;
      default -> (byte) (k * 7 + file * 13 + index);
    };
  }

  /** One batch file's bytes: {@code records} records of file number {@code file}. */
  static byte[] batch(int file, int records) {
    byte[] bytes = new byte[records * Cifar10Format.RECORD_BYTES];
    for (int i = 0; i < records; i++) {
      int at = i * Cifar10Format.RECORD_BYTES;
      bytes[at] = (byte) label(file, i);
      for (int k = 0; k < ImageSet.IMAGE_BYTES; k++) {
        bytes[at + 1 + k] = pixel(file, i, k);
      }
    }
    return bytes;
  }

  /** Writes the six files, {@code records} records each, into {@code dir} (created if needed); returns dir. */
  static Path writeDirectory(Path dir, int records) {
    try {
      Files.createDirectories(dir);
      for (int f = 1; f <= 6; f++) {
        Files.write(dir.resolve(fileName(f)), batch(f, records));
      }
      Files.writeString(dir.resolve("batches.meta.txt"), """
          airplane
          automobile
          bird
          cat
          deer
          dog
          frog
          horse
          ship
          truck
          """);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fileName(int file) {
    return file == TEST_FILE_NUMBER ? Cifar10Format.TEST_FILE : "data_batch_" + file + ".bin";
  }

  /** Where image {@code i} of {@code set} came from, as {@code "file:index"}. */
  static String origin(ImageSet set, int i) {
    byte[] p = set.pixels();
    int at = i * ImageSet.IMAGE_BYTES;
    return p[at] + ":" + (((p[at + 1] & 0xFF) << 8) | (p[at + 2] & 0xFF));
  }

  static int[] classCounts(ImageSet set) {
    int[] counts = new int[ImageSet.CLASSES];
    for (int i = 0; i < set.count(); i++) {
      counts[set.label(i)]++;
    }
    return counts;
  }

  /** A gzip-compressed ustar archive of the given entries (name → contents), in iteration order. */
  static byte[] tarGz(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        boolean directory = entry.getKey().endsWith("/");
        byte[] data = directory ? new byte[0] : entry.getValue();
        gzip.write(tarHeader(entry.getKey(), data.length, directory ? '5' : '0'));
        gzip.write(data);
        gzip.write(new byte[(512 - data.length % 512) % 512]);
      }
      gzip.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The archive layout of cifar-10-binary.tar.gz, with small files. */
  static byte[] cifarArchive(int records) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("cifar-10-batches-bin/", null);
    for (int f = 1; f <= 6; f++) {
      entries.put("cifar-10-batches-bin/" + fileName(f), batch(f, records));
    }
    entries.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.US_ASCII));
    entries.put("cifar-10-batches-bin/readme.html", "<html></html>".getBytes(StandardCharsets.US_ASCII));
    return tarGz(entries);
  }

  private static byte[] tarHeader(String name, long size, char type) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644");
    put(header, 108, "0001750");
    put(header, 116, "0001750");
    put(header, 124, String.format("%011o", size));
    put(header, 136, String.format("%011o", 1_300_000_000L));
    header[156] = (byte) type;
    put(header, 257, "ustar");
    put(header, 263, "00");
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xFF;
    }
    put(header, 148, String.format("%06o", sum));
    header[154] = 0;
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }
}
