package dev.convbench.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Facts about the official CIFAR-10 binary distribution ({@code cifar-10-binary.tar.gz}): file names, record
 * layout and sizes. Each record is one label byte (0–9) followed by {@link ImageSet#IMAGE_BYTES} pixel bytes.
 */
public final class Cifar10Format {

  /** Bytes per record: the label byte plus the pixels. */
  public static final int RECORD_BYTES = 1 + ImageSet.IMAGE_BYTES;
  /** Records in every official file. */
  public static final int OFFICIAL_RECORDS = 10_000;
  /** Training files, in the order their records are concatenated. */
  public static final List<String> TRAIN_FILES = List.of(
      "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
  public static final String TEST_FILE = "test_batch.bin";
  /** Every file a complete data directory holds: the training files, then the test file. */
  public static final List<String> ALL_FILES = List.of(
      "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin",
      TEST_FILE);
  /** The directory the official archive unpacks to. */
  public static final String ARCHIVE_DIRECTORY = "cifar-10-batches-bin";
  /** Experiment key and CLI flag that accept a partial data set; named in error messages. */
  public static final String ALLOW_PARTIAL_HINT =
      "set 'dataset.allow-partial: true' in the experiment file or pass --allow-partial-data";

  private Cifar10Format() {
  }

  /** The names in {@link #ALL_FILES} that are not regular files in {@code directory}, in that order. */
  static List<String> missingFiles(Path directory) {
    return ALL_FILES.stream().filter(name -> !Files.isRegularFile(directory.resolve(name))).toList();
  }

  /** {@code 10000} as {@code 10,000}: numbers in messages are read by people. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
