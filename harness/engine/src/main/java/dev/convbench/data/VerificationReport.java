package dev.convbench.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Cifar10Verifier} found in a CIFAR-10 directory, one entry per expected file, for
 * {@code convbench data verify}.
 *
 * @param directory the directory checked
 * @param files one report per file of {@link Cifar10Format#ALL_FILES}, in that order
 */
public record VerificationReport(Path directory, List<FileReport> files) {

  public VerificationReport {
    files = List.copyOf(files);
  }

  /** True when no file has a problem (a partial file is not a problem by itself). */
  public boolean ok() {
    return files.stream().allMatch(FileReport::ok);
  }

  /** True when some file holds fewer than the official 10,000 records. */
  public boolean partial() {
    return files.stream().anyMatch(FileReport::partial);
  }

  /**
   * One file's findings.
   *
   * @param file file name
   * @param bytes file size, {@code -1} when missing
   * @param records whole records in the file
   * @param classCounts images per label 0–9 among the records with a valid label
   * @param sha256 SHA-256 of the file in lowercase hex, or {@code null} when not computed or missing
   * @param problems what is wrong, in words a user can act on; empty when the file is fine
   */
  public record FileReport(String file, long bytes, int records, List<Integer> classCounts, String sha256,
      List<String> problems) {

    public FileReport {
      classCounts = List.copyOf(classCounts);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }

    public boolean partial() {
      return records < Cifar10Format.OFFICIAL_RECORDS;
    }
  }
}
