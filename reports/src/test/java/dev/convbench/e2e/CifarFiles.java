package dev.convbench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes small CIFAR-10 directories in the official binary format, with learnable content. */
final class CifarFiles {

  private CifarFiles() {}

  /**
   * Writes {@code data_batch_1..5.bin} and {@code test_batch.bin} with {@code recordsPerFile} records each. Each
   * class has its own colour tint plus noise, so a network can learn something in a few steps.
   */
  static Path write(Path dir, int recordsPerFile, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    String[] names = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
        "data_batch_5.bin", "test_batch.bin"};
    for (String name : names) {
      byte[] bytes = new byte[recordsPerFile * 3073];
      for (int r = 0; r < recordsPerFile; r++) {
        int label = r % 10;
        int base = r * 3073;
        bytes[base] = (byte) label;
        for (int c = 0; c < 3; c++) {
          int tint = 40 + 20 * ((label + c * 3) % 10);
          for (int i = 0; i < 1024; i++) {
            bytes[base + 1 + c * 1024 + i] = (byte) Math.min(255, tint + random.nextInt(60));
          }
        }
      }
      Files.write(dir.resolve(name), bytes);
    }
    return dir;
  }
}
