package dev.convbench.data;

import java.nio.file.Path;
import java.util.Map;

/**
 * The images one run trains and evaluates on, with where they came from.
 *
 * @param train training images (after subset / hold-out selection)
 * @param eval evaluation images: the test set or the held-out training images
 * @param evalName {@code test} or {@code holdout}
 * @param directory the directory the files were read from
 * @param recordsPerFile records found in each file, by file name (10,000 each in the official set)
 * @param partial true when any file held fewer than the official 10,000 records
 */
public record Dataset(ImageSet train, ImageSet eval, String evalName, Path directory,
    Map<String, Integer> recordsPerFile, boolean partial) {
}
