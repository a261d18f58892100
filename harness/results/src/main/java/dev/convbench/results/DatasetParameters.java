package dev.convbench.results;

/**
 * How a run picked its data ({@code spec.dataset}); {@link DatasetFacts} says what that gave.
 *
 * @param dataDir the directory of the CIFAR-10 files as a {@code file:} URI, or {@code null} when it came from the
 *     environment ({@code CIFAR10_DIR}) or the user cache
 * @param trainSubset the size of the stratified training subset, or {@code null} for every training image
 * @param testSubset the size of the stratified evaluation subset, or {@code null} for every evaluation image
 * @param validation {@code test} (evaluated on the official test set) or {@code holdout}
 * @param holdoutSize training images held out for {@code holdout} validation
 * @param allowPartial whether files with fewer than the official records were accepted
 * @param subsetSeed the seed of the subset and hold-out selection
 */
public record DatasetParameters(String dataDir, Integer trainSubset, Integer testSubset, String validation,
    int holdoutSize, boolean allowPartial, long subsetSeed) {}
