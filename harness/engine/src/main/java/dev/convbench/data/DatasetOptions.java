package dev.convbench.data;

import java.nio.file.Path;

/**
 * How a run picks its data.
 *
 * @param dataDir directory holding the CIFAR-10 binary files; {@code null} means: env {@code CIFAR10_DIR}, else
 *     the user cache (downloaded once)
 * @param trainSubset use a stratified subset of this many training images; {@code null} for all
 * @param testSubset use a stratified subset of this many evaluation images; {@code null} for all
 * @param validation {@code test} (evaluate on the official test set) or {@code holdout} (hold out
 *     {@code holdoutSize} training images, stratified, and evaluate on them)
 * @param holdoutSize images held out for {@code holdout} validation
 * @param allowPartial accept files holding fewer than the official 10,000 records (stated in the run's metadata)
 * @param subsetSeed seed of the stratified subset and hold-out selection (fixed per experiment, not per run seed,
 *     so every run of an experiment sees the same images)
 */
public record DatasetOptions(Path dataDir, Integer trainSubset, Integer testSubset, String validation,
    int holdoutSize, boolean allowPartial, long subsetSeed) {

  public static final String VALIDATE_ON_TEST = "test";
  public static final String VALIDATE_ON_HOLDOUT = "holdout";

  public DatasetOptions {
    if (!VALIDATE_ON_TEST.equals(validation) && !VALIDATE_ON_HOLDOUT.equals(validation)) {
      throw new IllegalArgumentException("validation must be test or holdout: " + validation);
    }
    if ((trainSubset != null && trainSubset < 10) || (testSubset != null && testSubset < 10) || holdoutSize < 0) {
      throw new IllegalArgumentException("subset sizes must be at least 10 (one image per class)");
    }
  }

  public static DatasetOptions defaults() {
    return new DatasetOptions(null, null, null, VALIDATE_ON_TEST, 5000, false, 0);
  }

  public DatasetOptions withDataDir(Path dir) {
    return new DatasetOptions(dir, trainSubset, testSubset, validation, holdoutSize, allowPartial, subsetSeed);
  }

  public DatasetOptions withAllowPartial(boolean allow) {
    return new DatasetOptions(dataDir, trainSubset, testSubset, validation, holdoutSize, allow, subsetSeed);
  }

  public DatasetOptions withTrainSubset(Integer n) {
    return new DatasetOptions(dataDir, n, testSubset, validation, holdoutSize, allowPartial, subsetSeed);
  }

  public DatasetOptions withTestSubset(Integer n) {
    return new DatasetOptions(dataDir, trainSubset, n, validation, holdoutSize, allowPartial, subsetSeed);
  }
}
