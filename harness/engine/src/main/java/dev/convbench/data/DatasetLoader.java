package dev.convbench.data;

import static dev.convbench.data.Cifar10Format.OFFICIAL_RECORDS;
import static dev.convbench.data.Cifar10Format.count;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@link DatasetOptions} into the {@link Dataset} one run trains and evaluates on.
 *
 * <p>Contract:
 * <ul>
 *   <li>Every one of the six files must be present and pass the checks of {@link Cifar10Reader}; all missing files
 *       are named at once. If any file holds fewer than 10,000 records, the data set is refused unless
 *       {@link DatasetOptions#allowPartial()}, and when accepted {@link Dataset#partial()} is true.</li>
 *   <li>{@code validation: test}: trains on the five training files (concatenated in order) and evaluates on
 *       {@code test_batch.bin}.</li>
 *   <li>{@code validation: holdout}: holds out {@code holdoutSize} training images, stratified by class, and
 *       evaluates on them; trains on the rest. {@code test_batch.bin} is then size-checked but never read, so
 *       nothing can be tuned on it.</li>
 *   <li>{@code trainSubset} then picks that many of the training images, {@code testSubset} that many of the
 *       evaluation images, both stratified by {@link StratifiedSampler}'s rule (per-class counts as equal as the
 *       data allow, differing by at most one when every class has enough images).</li>
 *   <li>All selections depend only on the data and {@link DatasetOptions#subsetSeed()}: the same options give the
 *       same images on every run. Hold-out, training subset and evaluation subset draw from separate seeds derived
 *       from it. Selected images keep their file order.</li>
 *   <li>Asking for more images than there are is an error, never a silently smaller set.</li>
 * </ul>
 */
public final class DatasetLoader {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetLoader.class);
  private static final long HOLDOUT_STREAM = 1;
  private static final long TRAIN_SUBSET_STREAM = 2;
  private static final long EVAL_SUBSET_STREAM = 3;

  private final Cifar10Locator locator;

  /** @param locator finds (and if needed downloads) the data directory */
  public DatasetLoader(Cifar10Locator locator) {
    this.locator = locator;
  }

  /**
   * Locates the data directory for {@code options} and reads it.
   *
   * @throws DataException see {@link #read(Path, DatasetOptions)} and {@link Cifar10Locator#locate}
   */
  public Dataset load(DatasetOptions options) throws DataException {
    return read(locator.locate(options), options);
  }

  /** The directory {@link #load} would read for {@code options} (downloading it first if needed). */
  public Path locate(DatasetOptions options) throws DataException {
    return locator.locate(options);
  }

  /**
   * Reads {@code directory} as described in the class documentation; {@link DatasetOptions#dataDir()} is ignored.
   *
   * @throws DataException the directory or a file is missing or fails a check, the data set is partial and that was
   *     not allowed, or a requested subset or hold-out is larger than the images available
   */
  public static Dataset read(Path directory, DatasetOptions options) throws DataException {
    Map<String, Integer> records = checkFiles(directory, options.allowPartial());
    boolean partial = records.values().stream().anyMatch(n -> n < OFFICIAL_RECORDS);
    if (partial) {
      LOG.warn("Using a partial CIFAR-10 from {} (records per file: {})", directory, records);
    }
    Cifar10Reader reader = new Cifar10Reader(options.allowPartial());
    ImageSet allTrain = reader.read(Cifar10Format.TRAIN_FILES.stream().map(directory::resolve).toList());

    boolean holdout = DatasetOptions.VALIDATE_ON_HOLDOUT.equals(options.validation());
    ImageSet evalSource;
    int[] trainPool = StratifiedSampler.all(allTrain.count());
    int[] evalPool;
    if (holdout) {
      evalPool = holdOut(allTrain, options, directory);
      trainPool = StratifiedSampler.complement(allTrain.count(), evalPool);
      evalSource = allTrain;
    } else {
      evalSource = reader.read(directory.resolve(Cifar10Format.TEST_FILE));
      evalPool = StratifiedSampler.all(evalSource.count());
    }
    String availableTrain = holdout
        ? count(trainPool.length) + " training images left in " + directory + " after holding out "
            + count(evalPool.length)
        : count(trainPool.length) + " training images in " + directory;
    String availableEval = holdout
        ? count(evalPool.length) + " held-out images"
        : count(evalPool.length) + " test images in " + directory;
    int[] trainIndices = subset(allTrain, trainPool, options.trainSubset(), "training subset", availableTrain,
        seed(options.subsetSeed(), TRAIN_SUBSET_STREAM));
    int[] evalIndices = subset(evalSource, evalPool, options.testSubset(), "evaluation subset", availableEval,
        seed(options.subsetSeed(), EVAL_SUBSET_STREAM));

    return new Dataset(select(allTrain, trainIndices), select(evalSource, evalIndices), options.validation(),
        directory, Collections.unmodifiableMap(records), partial);
  }

  /** Records per file, in {@link Cifar10Format#ALL_FILES} order, after all checks that need no reading. */
  private static Map<String, Integer> checkFiles(Path directory, boolean allowPartial) throws DataException {
    if (!Files.isDirectory(directory)) {
      throw new DataException("The CIFAR-10 data directory " + directory + (Files.exists(directory)
          ? " is not a directory." : " does not exist.") + " Point --data-dir (or the environment variable "
          + Cifar10Locator.ENV_DIR + ") at the " + Cifar10Format.ARCHIVE_DIRECTORY + " directory unpacked from "
          + "cifar-10-binary.tar.gz.");
    }
    List<String> missing = Cifar10Format.missingFiles(directory);
    if (!missing.isEmpty()) {
      throw new DataException("The CIFAR-10 data directory " + directory + " lacks " + String.join(", ", missing)
          + ". It must hold the six files of cifar-10-binary.tar.gz: " + String.join(", ", Cifar10Format.ALL_FILES)
          + ".");
    }
    Map<String, Integer> records = new LinkedHashMap<>();
    Map<String, Integer> partialFiles = new LinkedHashMap<>();
    for (String name : Cifar10Format.ALL_FILES) {
      int n = Cifar10Reader.countRecords(directory.resolve(name));
      records.put(name, n);
      if (n < OFFICIAL_RECORDS) {
        partialFiles.put(name, n);
      }
    }
    if (!partialFiles.isEmpty() && !allowPartial) {
      throw new DataException(Cifar10Reader.partialMessage(directory, partialFiles));
    }
    return records;
  }

  private static int[] holdOut(ImageSet train, DatasetOptions options, Path directory) throws DataException {
    int size = options.holdoutSize();
    if (size < ImageSet.CLASSES) {
      throw new DataException("Hold-out validation needs a hold-out of at least " + ImageSet.CLASSES
          + " images (one per class); the hold-out size is " + count(size) + ".");
    }
    if (size >= train.count()) {
      throw new DataException("The hold-out of " + count(size) + " images leaves no training images: "
          + directory + " holds " + count(train.count()) + " training images. Choose a smaller hold-out size.");
    }
    return StratifiedSampler.sample(train.labels(), StratifiedSampler.all(train.count()), size,
        seed(options.subsetSeed(), HOLDOUT_STREAM));
  }

  private static int[] subset(ImageSet source, int[] pool, Integer wanted, String what, String available, long seed)
      throws DataException {
    if (wanted == null) {
      return pool;
    }
    if (wanted > pool.length) {
      throw new DataException("The " + what + " of " + count(wanted) + " images is larger than the " + available
          + ". Choose a smaller " + what + ".");
    }
    return StratifiedSampler.sample(source.labels(), pool, wanted, seed);
  }

  /** The images at {@code indices}, without a copy when that is all of them. */
  private static ImageSet select(ImageSet source, int[] indices) {
    return indices.length == source.count() ? source : source.select(indices);
  }

  /**
   * A seed for one kind of selection, derived from the experiment's subset seed (SplitMix64 finaliser), so the
   * hold-out and the subsets are not drawn from the same random sequence.
   */
  private static long seed(long subsetSeed, long stream) {
    long z = subsetSeed + stream * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
