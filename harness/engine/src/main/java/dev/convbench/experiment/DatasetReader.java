package dev.convbench.experiment;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.YamlTree.Entry;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@code dataset:} section into {@link DatasetOptions}. */
final class DatasetReader {

  static final int CIFAR10_TRAIN_IMAGES = 50_000;
  static final int CIFAR10_TEST_IMAGES = 10_000;
  /** What each key of {@code dataset:} accepts, in documentation order. */
  static final Map<String, ValueReader> READERS = readers();
  static final List<String> KEYS = List.copyOf(READERS.keySet());

  /**
   * The data options, with where each was written (for checks made per cell).
   *
   * @param options the options, defaults filled in
   * @param written the values the file gives, by key
   */
  record DatasetSection(DatasetOptions options, Map<String, Located> written) {
  }

  private final SectionReader sections;
  private final Problems problems;
  private final Path source;

  /**
   * @param source the experiment file, against whose directory a relative data-dir resolves
   */
  DatasetReader(SectionReader sections, Path source) {
    this.sections = sections;
    this.problems = sections.problems();
    this.source = source;
  }

  DatasetSection read(Entry section) {
    Map<String, Located> written = new LinkedHashMap<>();
    for (Entry e : sections.entries(section, "{train-subset: 5000, validation: holdout}")) {
      ValueReader reader = READERS.get(e.key());
      if (reader == null) {
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in dataset"
            + Suggestions.didYouMeanOrList(e.key(), KEYS, "valid keys"));
        continue;
      }
      sections.read(reader, e.value(), e.key()).ifPresent(v -> written.put(e.key(), v));
    }
    DatasetOptions d = DatasetOptions.defaults();
    Path dataDir = written.containsKey("data-dir") ? dataDir(written.get("data-dir")) : d.dataDir();
    Integer trainSubset = (Integer) valueOr(written, "train-subset", d.trainSubset());
    Integer testSubset = (Integer) valueOr(written, "test-subset", d.testSubset());
    String validation = (String) valueOr(written, "validation", d.validation());
    int holdoutSize = (Integer) valueOr(written, "holdout-size", d.holdoutSize());
    boolean allowPartial = (Boolean) valueOr(written, "allow-partial", d.allowPartial());
    long subsetSeed = ((Number) valueOr(written, "subset-seed", d.subsetSeed())).longValue();
    if (DatasetOptions.VALIDATE_ON_HOLDOUT.equals(validation)) {
      if (trainSubset != null && trainSubset + holdoutSize > CIFAR10_TRAIN_IMAGES) {
        problems.at(written.get("train-subset").node(), "train-subset (" + trainSubset + ") plus holdout-size ("
            + holdoutSize + ") is more than the " + CIFAR10_TRAIN_IMAGES + " training images");
      }
      if (testSubset != null && testSubset > holdoutSize) {
        problems.at(written.get("test-subset").node(), "test-subset (" + testSubset + ") is larger than "
            + "holdout-size (" + holdoutSize + "), the images that validation: holdout evaluates on");
      }
    }
    return new DatasetSection(new DatasetOptions(dataDir, trainSubset, testSubset, validation, holdoutSize,
        allowPartial, subsetSeed), written);
  }

  private static Map<String, ValueReader> readers() {
    Map<String, ValueReader> readers = new LinkedHashMap<>();
    readers.put("data-dir", ValueReaders.string("a directory path"));
    readers.put("train-subset", count(10, CIFAR10_TRAIN_IMAGES));
    readers.put("test-subset", count(10, CIFAR10_TEST_IMAGES));
    readers.put("validation", ValueReaders.choice(List.of(DatasetOptions.VALIDATE_ON_TEST,
        DatasetOptions.VALIDATE_ON_HOLDOUT)));
    // at least one image per class, and some left to train on
    readers.put("holdout-size", count(10, CIFAR10_TRAIN_IMAGES - 10));
    readers.put("allow-partial", ValueReaders.bool());
    readers.put("subset-seed", ValueReaders.integer(Long.MIN_VALUE, Long.MAX_VALUE, "an integer"));
    return Collections.unmodifiableMap(readers);
  }

  private static ValueReader count(int min, int max) {
    return ValueReaders.integer(min, max, "an integer from " + min + " to " + max);
  }

  private static Object valueOr(Map<String, Located> written, String key, Object fallback) {
    Located located = written.get(key);
    return located == null ? fallback : located.value();
  }

  /** Relative directories are relative to the experiment file, so the file means the same from any directory. */
  private Path dataDir(Located written) {
    String text = (String) written.value();
    try {
      Path path = text.equals("~") || text.startsWith("~/")
          ? Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""))
          : Path.of(text);
      if (!path.isAbsolute()) {
        Path base = source.toAbsolutePath().getParent();
        path = base == null ? path.toAbsolutePath() : base.resolve(path);
      }
      return path.normalize();
    } catch (InvalidPathException e) {
      problems.at(written.node(), "data-dir is not a valid path: " + e.getReason());
      return null;
    }
  }
}
