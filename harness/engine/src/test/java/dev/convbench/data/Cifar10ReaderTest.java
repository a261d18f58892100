package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {

  @TempDir
  Path dir;

  @Test
  void readsLabelsAndPixelsBackExactly() throws Exception {
    Path file = Files.write(dir.resolve("data_batch_1.bin"), Cifar10Fixture.batch(1, 50));

    ImageSet set = new Cifar10Reader(true).read(file);

    assertEquals(50, set.count());
    for (int i = 0; i < 50; i++) {
      assertEquals(Cifar10Fixture.label(1, i), set.label(i));
    }
    // Record 7: the whole image, i.e. red plane, green plane and blue plane in file order.
    byte[] expected = new byte[ImageSet.IMAGE_BYTES];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = Cifar10Fixture.pixel(1, 7, k);
    }
    byte[] actual = Arrays.copyOfRange(set.pixels(), 7 * ImageSet.IMAGE_BYTES, 8 * ImageSet.IMAGE_BYTES);
    assertArrayEquals(expected, actual);
  }

  @Test
  void concatenatesFilesInTheGivenOrder() throws Exception {
    Path first = Files.write(dir.resolve("a.bin"), Cifar10Fixture.batch(2, 30));
    Path second = Files.write(dir.resolve("b.bin"), Cifar10Fixture.batch(1, 20));

    ImageSet set = new Cifar10Reader(true).read(List.of(first, second));

    assertEquals(50, set.count());
    assertEquals("2:0", Cifar10Fixture.origin(set, 0));
    assertEquals("2:29", Cifar10Fixture.origin(set, 29));
    assertEquals("1:0", Cifar10Fixture.origin(set, 30));
    assertEquals("1:19", Cifar10Fixture.origin(set, 49));
  }

  @Test
  void readsMoreRecordsThanOneChunk() throws Exception {
    // 2,500 records cross the reader's 1,024-record chunks twice.
    Path file = Files.write(dir.resolve("data_batch_1.bin"), Cifar10Fixture.batch(3, 2500));

    ImageSet set = new Cifar10Reader(true).read(file);

    assertEquals(2500, set.count());
    assertEquals("3:1024", Cifar10Fixture.origin(set, 1024));
    assertEquals("3:2499", Cifar10Fixture.origin(set, 2499));
    assertEquals(Cifar10Fixture.label(3, 2049), set.label(2049));
  }

  @Test
  void truncatedFileIsRejectedNamingTheFileAndItsSize() throws Exception {
    byte[] batch = Cifar10Fixture.batch(1, 50);
    Path file = Files.write(dir.resolve("data_batch_4.bin"), Arrays.copyOf(batch, batch.length - 1));

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(true).read(file));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("153,649 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    Path file = Files.write(dir.resolve("test_batch.bin"), new byte[0]);

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(true).read(file));

    assertTrue(e.getMessage().contains(file + " is empty"), e.getMessage());
  }

  @Test
  void labelOutsideZeroToNineNamesFileRecordAndLabel() throws Exception {
    byte[] batch = Cifar10Fixture.batch(1, 50);
    batch[17 * Cifar10Format.RECORD_BYTES] = 10;
    Path file = Files.write(dir.resolve("data_batch_2.bin"), batch);

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(true).read(file));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("record 17 "), e.getMessage());
    assertTrue(e.getMessage().contains("has label 10"), e.getMessage());
  }

  @Test
  void labelsAreReadAsUnsignedBytes() throws Exception {
    byte[] batch = Cifar10Fixture.batch(1, 50);
    batch[49 * Cifar10Format.RECORD_BYTES] = (byte) 255;
    Path file = Files.write(dir.resolve("data_batch_2.bin"), batch);

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(true).read(file));

    assertTrue(e.getMessage().contains("record 49 ") && e.getMessage().contains("has label 255"), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("data_batch_3.bin");

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(true).read(file));

    assertTrue(e.getMessage().contains(file + " does not exist"), e.getMessage());
  }

  @Test
  void partialFileIsRefusedUnlessAllowed() throws Exception {
    Path file = Files.write(dir.resolve("data_batch_1.bin"), Cifar10Fixture.batch(1, 50));

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(false).read(file));

    assertTrue(e.getMessage().contains("holds a partial CIFAR-10 (50 records in data_batch_1.bin instead of 10,000)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("dataset.allow-partial: true"), e.getMessage());
    assertTrue(e.getMessage().contains("--allow-partial-data"), e.getMessage());
    assertEquals(50, new Cifar10Reader(true).read(file).count());
  }

  @Test
  void officialSizedFileIsAcceptedWithoutAllowPartial() throws Exception {
    Path file = Files.write(dir.resolve("data_batch_1.bin"), Cifar10Fixture.batch(5, 10_000));

    ImageSet set = new Cifar10Reader(false).read(file);

    assertEquals(10_000, set.count());
    assertEquals("5:9999", Cifar10Fixture.origin(set, 9999));
  }

  @Test
  void fileWithMoreRecordsThanAnOfficialBatchIsRefused() throws IOException {
    Path file = dir.resolve("data_batch_1.bin");
    Files.write(file, new byte[(Cifar10Format.OFFICIAL_RECORDS + 1) * Cifar10Format.RECORD_BYTES]);

    DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(true).read(file));

    assertTrue(e.getMessage().contains(file + " holds 10,001 records"), e.getMessage());
  }
}
