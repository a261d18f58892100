package dev.convbench.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Unpacks a plain (already decompressed) tar stream: ustar and the old format, with regular files and directories.
 * Other entry types (links, pax/GNU extension headers) are skipped: the CIFAR-10 archive holds only files and one
 * directory, and skipping is safer than following links out of the target directory. Entries whose names would
 * land outside the target directory are refused.
 */
final class TarExtractor {

  private static final int BLOCK = 512;

  private TarExtractor() {
  }

  /**
   * Unpacks {@code tar} into {@code target}, which must exist.
   *
   * @throws IOException the stream is not a well-formed tar archive, or writing failed
   */
  static void extract(InputStream tar, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    byte[] header = new byte[BLOCK];
    while (readBlock(tar, header)) {
      if (isZero(header)) {
        return;  // end-of-archive marker (two zero blocks; one is enough to stop)
      }
      if (checksum(header) != octal(header, 148, 8)) {
        throw new IOException("corrupt tar header (checksum mismatch)");
      }
      String name = text(header, 0, 100);
      String prefix = text(header, 345, 155);
      if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 6))) {
        name = prefix + "/" + name;
      }
      long size = octal(header, 124, 12);
      char type = (char) header[156];
      if (type == '0' || type == '\0' || type == '5') {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || (path.equals(root) && type != '5')) {
          throw new IOException("tar entry '" + name + "' points outside the target directory");
        }
        if (type == '5') {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          try (OutputStream out = Files.newOutputStream(path)) {
            copy(tar, out, size);
          }
          skip(tar, padding(size));
        }
      } else {
        skip(tar, size + padding(size));
      }
    }
    // A stream that ends without the zero blocks is accepted: the checksum of the archive was verified already.
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false;
    }
    if (n < BLOCK) {
      throw new EOFException("tar archive ends inside a header");
    }
    return true;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (long left = size; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("tar archive ends inside a file");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    in.skipNBytes(n);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Sum of the header's bytes, the checksum field counted as spaces (as the format defines it). */
  private static long checksum(byte[] header) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xFF;
    }
    return sum;
  }

  /** A NUL- or space-terminated octal number; GNU tar's base-256 form (high bit set) for large sizes. */
  private static long octal(byte[] header, int offset, int length) throws IOException {
    if ((header[offset] & 0x80) != 0) {
      long value = header[offset] & 0x7F;
      for (int i = 1; i < length; i++) {
        value = (value << 8) | (header[offset + i] & 0xFF);
      }
      return value;
    }
    long value = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++;
    }
    for (; i < end && header[i] != 0 && header[i] != ' '; i++) {
      if (header[i] < '0' || header[i] > '7') {
        throw new IOException("corrupt tar header (bad octal number)");
      }
      value = value * 8 + (header[i] - '0');
    }
    return value;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}
