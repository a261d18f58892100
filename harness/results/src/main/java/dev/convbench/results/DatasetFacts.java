package dev.convbench.results;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run actually trained and evaluated on: the counts after subset and hold-out selection, and whether the
 * files were incomplete.
 *
 * @param trainCount training images
 * @param evalCount evaluation images
 * @param evalName {@code test} or {@code holdout}
 * @param recordsPerFile records found in each file, by file name (10,000 each in the official set)
 * @param partial true when any file held fewer than the official 10,000 records; reports warn about it
 */
public record DatasetFacts(int trainCount, int evalCount, String evalName, Map<String, Integer> recordsPerFile,
    boolean partial) {

  public DatasetFacts {
    // Sorted copy: stable JSON and display order whatever map the loader used.
    recordsPerFile = Collections.unmodifiableMap(
        recordsPerFile == null ? new TreeMap<>() : new TreeMap<>(recordsPerFile));
  }
}
