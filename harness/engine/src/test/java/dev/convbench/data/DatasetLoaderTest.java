package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {

  /** Records per generated file: 250 training images (25 per class), 50 test images (5 per class). */
  private static final int RECORDS = 50;

  @TempDir
  Path dir;

  private DatasetOptions options() {
    return DatasetOptions.defaults().withDataDir(dir).withAllowPartial(true);
  }

  private static DatasetOptions holdout(DatasetOptions o, int size) {
    return new DatasetOptions(o.dataDir(), o.trainSubset(), o.testSubset(), DatasetOptions.VALIDATE_ON_HOLDOUT, size,
        o.allowPartial(), o.subsetSeed());
  }

  private static DatasetOptions seed(DatasetOptions o, long seed) {
    return new DatasetOptions(o.dataDir(), o.trainSubset(), o.testSubset(), o.validation(), o.holdoutSize(),
        o.allowPartial(), seed);
  }

  @Test
  void trainsOnTheFiveTrainingFilesAndEvaluatesOnTheTestFile() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset data = DatasetLoader.read(dir, options());

    assertEquals(250, data.train().count());
    assertEquals("1:0", Cifar10Fixture.origin(data.train(), 0));
    assertEquals("5:49", Cifar10Fixture.origin(data.train(), 249));
    assertEquals(50, data.eval().count());
    assertEquals("6:0", Cifar10Fixture.origin(data.eval(), 0));
    assertEquals("test", data.evalName());
    assertEquals(dir, data.directory());
  }

  @Test
  void partialDirectoryIsRefusedWithoutAllowPartial() {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    DataException e = assertThrows(DataException.class,
        () -> DatasetLoader.read(dir, DatasetOptions.defaults().withDataDir(dir)));

    assertTrue(e.getMessage().contains("The directory " + dir + " holds a partial CIFAR-10 (50 records in "
        + "data_batch_1.bin instead of 10,000"), e.getMessage());
    assertTrue(e.getMessage().contains("test_batch.bin (50 records)"), e.getMessage());
    assertTrue(e.getMessage().contains("dataset.allow-partial: true") && e.getMessage().contains(
        "--allow-partial-data"), e.getMessage());
  }

  @Test
  void partialDirectoryIsAcceptedWhenAllowedAndSaysSo() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset data = DatasetLoader.read(dir, options());

    assertTrue(data.partial());
    assertEquals(List.copyOf(Cifar10Format.ALL_FILES), List.copyOf(data.recordsPerFile().keySet()));
    assertTrue(data.recordsPerFile().values().stream().allMatch(n -> n == RECORDS));
  }

  @Test
  void oneShortFileMakesTheWholeSetPartial() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);
    Files.write(dir.resolve("data_batch_3.bin"), Cifar10Fixture.batch(3, 20));

    Dataset data = DatasetLoader.read(dir, options());

    assertEquals(220, data.train().count());
    assertEquals(20, data.recordsPerFile().get("data_batch_3.bin"));
  }

  @Test
  void missingFilesAreAllNamed() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);
    Files.delete(dir.resolve("data_batch_2.bin"));
    Files.delete(dir.resolve("test_batch.bin"));

    DataException e = assertThrows(DataException.class, () -> DatasetLoader.read(dir, options()));

    assertTrue(e.getMessage().contains("lacks data_batch_2.bin, test_batch.bin"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void missingDirectoryIsNamed() {
    Path absent = dir.resolve("nowhere");

    DataException e = assertThrows(DataException.class, () -> DatasetLoader.read(absent, options()));

    assertTrue(e.getMessage().contains(absent + " does not exist"), e.getMessage());
  }

  @Test
  void corruptFileInTheMiddleIsNamed() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);
    byte[] bad = Cifar10Fixture.batch(4, RECORDS);
    bad[3 * Cifar10Format.RECORD_BYTES] = 10;
    Files.write(dir.resolve("data_batch_4.bin"), bad);

    DataException e = assertThrows(DataException.class, () -> DatasetLoader.read(dir, options()));

    assertTrue(e.getMessage().contains(dir.resolve("data_batch_4.bin") + " is corrupt: record 3 "), e.getMessage());
  }

  @Test
  void trainSubsetIsStratifiedAndMadeOfTrainingImages() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset data = DatasetLoader.read(dir, options().withTrainSubset(100));

    assertEquals(100, data.train().count());
    assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, Cifar10Fixture.classCounts(data.train()));
    for (int i = 0; i < data.train().count(); i++) {
      String[] origin = Cifar10Fixture.origin(data.train(), i).split(":");
      int file = Integer.parseInt(origin[0]);
      int index = Integer.parseInt(origin[1]);
      assertTrue(file >= 1 && file <= 5);
      assertEquals(Cifar10Fixture.label(file, index), data.train().label(i), "label travels with its image");
    }
    assertEquals(50, data.eval().count(), "the test set is untouched");
  }

  @Test
  void subsetsAreDeterministicForASeedAndDifferForAnother() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);
    DatasetOptions options = options().withTrainSubset(55).withTestSubset(20);

    Dataset a = DatasetLoader.read(dir, seed(options, 7));
    Dataset b = DatasetLoader.read(dir, seed(options, 7));
    Dataset c = DatasetLoader.read(dir, seed(options, 8));

    assertArrayEquals(a.train().pixels(), b.train().pixels());
    assertArrayEquals(a.eval().pixels(), b.eval().pixels());
    assertNotEquals(origins(a.train()), origins(c.train()));
    assertNotEquals(origins(a.eval()), origins(c.eval()));
    int[] counts = Cifar10Fixture.classCounts(a.train());
    assertEquals(1, Arrays.stream(counts).max().orElseThrow() - Arrays.stream(counts).min().orElseThrow());
    assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, Cifar10Fixture.classCounts(a.eval()));
  }

  @Test
  void subsetLargerThanTheDataIsAnError() {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    DataException train = assertThrows(DataException.class,
        () -> DatasetLoader.read(dir, options().withTrainSubset(251)));
    DataException test = assertThrows(DataException.class,
        () -> DatasetLoader.read(dir, options().withTestSubset(51)));

    assertTrue(train.getMessage().contains("training subset of 251 images is larger than the 250 training images"),
        train.getMessage());
    assertTrue(test.getMessage().contains("evaluation subset of 51 images is larger than the 50 test images"),
        test.getMessage());
  }

  @Test
  void subsetOfEverythingIsEverything() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset whole = DatasetLoader.read(dir, options());
    Dataset allAsSubset = DatasetLoader.read(dir, options().withTrainSubset(250));

    assertEquals(250, allAsSubset.train().count());
    assertArrayEquals(whole.train().pixels(), allAsSubset.train().pixels());
  }

  @Test
  void holdoutIsStratifiedAndDisjointFromTraining() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset data = DatasetLoader.read(dir, holdout(options(), 50));

    assertEquals("holdout", data.evalName());
    assertEquals(200, data.train().count());
    assertEquals(50, data.eval().count());
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, Cifar10Fixture.classCounts(data.eval()));
    Set<String> train = origins(data.train());
    Set<String> held = origins(data.eval());
    assertTrue(held.stream().noneMatch(train::contains), "no image is both trained and evaluated on");
    Set<String> all = new HashSet<>(train);
    all.addAll(held);
    assertEquals(250, all.size());
    assertTrue(held.stream().noneMatch(o -> o.startsWith("6:")), "the test file is not used");
  }

  @Test
  void holdoutWithSubsetsDrawsEachFromItsOwnPart() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset data = DatasetLoader.read(dir, holdout(options().withTrainSubset(100).withTestSubset(30), 50));

    assertEquals(100, data.train().count());
    assertEquals(30, data.eval().count());
    Set<String> train = origins(data.train());
    assertTrue(origins(data.eval()).stream().noneMatch(train::contains));
    assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, Cifar10Fixture.classCounts(data.eval()));
  }

  @Test
  void holdoutDoesNotDependOnTheSubsets() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    Dataset plain = DatasetLoader.read(dir, holdout(options(), 50));
    Dataset withSubset = DatasetLoader.read(dir, holdout(options().withTrainSubset(100), 50));

    assertEquals(origins(plain.eval()), origins(withSubset.eval()));
  }

  @Test
  void holdoutMustLeaveTrainingImagesAndCoverEveryClass() {
    Cifar10Fixture.writeDirectory(dir, RECORDS);

    DataException tooBig = assertThrows(DataException.class, () -> DatasetLoader.read(dir, holdout(options(), 250)));
    DataException tooSmall = assertThrows(DataException.class, () -> DatasetLoader.read(dir, holdout(options(), 5)));

    assertTrue(tooBig.getMessage().contains("hold-out of 250 images leaves no training images"), tooBig.getMessage());
    assertTrue(tooSmall.getMessage().contains("at least 10 images"), tooSmall.getMessage());
  }

  @Test
  void loadGoesThroughTheLocator() throws Exception {
    Cifar10Fixture.writeDirectory(dir, RECORDS);
    Cifar10Download neverUsed = new Cifar10Download(dir.resolve("no-archive.tar.gz").toUri(), "0",
        DownloadListener.NONE);
    Cifar10Locator locator = new Cifar10Locator(Map.of(Cifar10Locator.ENV_DIR, dir.toString()), dir, "Linux",
        neverUsed);

    Dataset data = new DatasetLoader(locator).load(DatasetOptions.defaults().withAllowPartial(true));

    assertEquals(250, data.train().count());
    assertFalse(Files.exists(dir.resolve(".cache")));
  }

  private static Set<String> origins(ImageSet set) {
    Set<String> origins = new HashSet<>();
    IntStream.range(0, set.count()).forEach(i -> origins.add(Cifar10Fixture.origin(set, i)));
    assertEquals(set.count(), origins.size(), "no image twice");
    return origins;
  }
}
