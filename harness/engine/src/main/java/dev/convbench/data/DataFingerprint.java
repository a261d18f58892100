package dev.convbench.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content of a CIFAR-10 directory as one SHA-256: over each of the six files, in {@link Cifar10Format#ALL_FILES}
 * order, its name, its size and the SHA-256 of its bytes. Two directories with the same fingerprint hold the same
 * data wherever they are mounted, which is what a run's identity needs (cluster nodes mount data at different
 * paths). Reading the files costs about a second for the full data set, once per process and directory.
 */
public final class DataFingerprint {

  private DataFingerprint() {}

  /**
   * The fingerprint of {@code directory}.
   *
   * @throws DataException when a file is missing or cannot be read (naming it)
   */
  public static String of(Path directory) throws DataException {
    MessageDigest all = sha256();
    byte[] buffer = new byte[1 << 20];
    for (String name : Cifar10Format.ALL_FILES) {
      Path file = directory.resolve(name);
      MessageDigest content = sha256();
      long size = 0;
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          content.update(buffer, 0, n);
          size += n;
        }
      } catch (IOException e) {
        throw new DataException("Cannot read the CIFAR-10 file " + file + ": " + e.getMessage(), e);
      }
      all.update((name + " " + size + " " + HexFormat.of().formatHex(content.digest()) + "\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(all.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
