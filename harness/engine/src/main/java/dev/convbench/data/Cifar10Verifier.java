package dev.convbench.data;

import static dev.convbench.data.Cifar10Format.RECORD_BYTES;
import static dev.convbench.data.Cifar10Format.count;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks a CIFAR-10 directory file by file without stopping at the first problem, for
 * {@code convbench data verify}. Unlike {@link Cifar10Reader}, which refuses bad data, it reports everything it
 * finds: missing files, truncated files, bad labels (how many, and the first), class counts and, on request,
 * SHA-256 checksums, compared with a {@code SHA256SUMS} file in the directory when there is one.
 */
public final class Cifar10Verifier {

  /** Checksum list that {@code sha256sum} writes; compared when present. */
  public static final String CHECKSUM_FILE = "SHA256SUMS";

  private static final int CHUNK_BYTES = 1024 * RECORD_BYTES;

  private Cifar10Verifier() {
  }

  /**
   * Checks every file of {@link Cifar10Format#ALL_FILES} in {@code directory}.
   *
   * @param computeSha256 also hash every file (reads each file once either way)
   */
  public static VerificationReport verify(Path directory, boolean computeSha256) {
    Map<String, String> expectedSums = computeSha256 ? readChecksums(directory) : Map.of();
    List<VerificationReport.FileReport> reports = new ArrayList<>();
    for (String name : Cifar10Format.ALL_FILES) {
      reports.add(verifyFile(directory.resolve(name), computeSha256, expectedSums.get(name)));
    }
    return new VerificationReport(directory, reports);
  }

  private static VerificationReport.FileReport verifyFile(Path file, boolean computeSha256, String expectedSum) {
    String name = file.getFileName().toString();
    List<String> problems = new ArrayList<>();
    int[] classes = new int[ImageSet.CLASSES];
    if (!Files.isRegularFile(file)) {
      problems.add("missing: " + file + " does not exist.");
      return new VerificationReport.FileReport(name, -1, 0, toList(classes), null, problems);
    }
    try {
      Cifar10Reader.countRecords(file);
    } catch (DataException e) {
      problems.add(e.getMessage());  // truncated, empty or too large; the records present are still checked
    }
    long bytes;
    int records;
    String sha256 = null;
    int badLabels = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      bytes = channel.size();
      records = (int) Math.min(Integer.MAX_VALUE, bytes / RECORD_BYTES);
      MessageDigest digest = computeSha256 ? sha256() : null;
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
      long position = 0;
      for (int n; (n = channel.read(chunk.clear())) >= 0; ) {
        if (digest != null) {
          digest.update(chunk.array(), 0, n);
        }
        // Labels sit at multiples of RECORD_BYTES; visit those inside [position, position + n) of whole records.
        long firstRecord = (position + RECORD_BYTES - 1) / RECORD_BYTES;
        for (long r = firstRecord; r < records && r * RECORD_BYTES < position + n; r++) {
          int label = chunk.array()[(int) (r * RECORD_BYTES - position)] & 0xFF;
          if (label < ImageSet.CLASSES) {
            classes[label]++;
          } else if (badLabels++ == 0) {
            problems.add(Cifar10Reader.badLabelMessage(file, (int) r, label));
          }
        }
        position += n;
      }
      if (digest != null) {
        sha256 = HexFormat.of().formatHex(digest.digest());
      }
    } catch (IOException e) {
      problems.add("cannot read " + file + ": " + e.getMessage());
      return new VerificationReport.FileReport(name, -1, 0, toList(classes), null, problems);
    }
    if (badLabels > 1) {
      problems.add(count(badLabels) + " records in " + file + " have a label outside 0–9.");
    }
    if (sha256 != null && expectedSum != null && !expectedSum.equalsIgnoreCase(sha256)) {
      problems.add("SHA-256 of " + file + " is " + sha256 + ", but " + CHECKSUM_FILE + " lists " + expectedSum
          + ": the file was changed or damaged.");
    }
    return new VerificationReport.FileReport(name, bytes, records, toList(classes), sha256, problems);
  }

  /** Name → checksum from {@code SHA256SUMS} ("hex  name" or "hex *name" lines); empty when there is none. */
  private static Map<String, String> readChecksums(Path directory) {
    Path sums = directory.resolve(CHECKSUM_FILE);
    Map<String, String> expected = new HashMap<>();
    if (!Files.isRegularFile(sums)) {
      return expected;
    }
    try {
      for (String line : Files.readAllLines(sums)) {
        String[] parts = line.trim().split("\\s+", 2);
        if (parts.length == 2) {
          expected.put(parts[1].startsWith("*") ? parts[1].substring(1) : parts[1], parts[0]);
        }
      }
    } catch (IOException e) {
      return Map.of();  // an unreadable list only means there is nothing to compare with
    }
    return expected;
  }

  private static List<Integer> toList(int[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
