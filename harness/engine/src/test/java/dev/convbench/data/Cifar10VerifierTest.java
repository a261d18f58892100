package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10VerifierTest {

  @TempDir
  Path dir;

  @Test
  void reportsRecordsClassCountsAndChecksumsOfAGoodDirectory() throws Exception {
    Cifar10Fixture.writeDirectory(dir, 50);

    VerificationReport report = Cifar10Verifier.verify(dir, true);

    assertTrue(report.ok());
    assertTrue(report.partial());
    assertEquals(6, report.files().size());
    VerificationReport.FileReport first = report.files().get(0);
    assertEquals("data_batch_1.bin", first.file());
    assertEquals(50, first.records());
    assertEquals(50L * Cifar10Format.RECORD_BYTES, first.bytes());
    assertEquals(List.of(5, 5, 5, 5, 5, 5, 5, 5, 5, 5), first.classCounts());
    assertEquals(sha256(Files.readAllBytes(dir.resolve("data_batch_1.bin"))), first.sha256());
  }

  @Test
  void checksumsAreOptional() {
    Cifar10Fixture.writeDirectory(dir, 20);

    assertNull(Cifar10Verifier.verify(dir, false).files().get(5).sha256());
  }

  @Test
  void collectsEveryProblemInsteadOfStoppingAtTheFirst() throws Exception {
    Cifar10Fixture.writeDirectory(dir, 50);
    Files.delete(dir.resolve("data_batch_2.bin"));
    byte[] truncated = Cifar10Fixture.batch(3, 50);
    Files.write(dir.resolve("data_batch_3.bin"), Arrays.copyOf(truncated, truncated.length - 100));
    byte[] mislabeled = Cifar10Fixture.batch(4, 50);
    mislabeled[3 * Cifar10Format.RECORD_BYTES] = 10;
    mislabeled[8 * Cifar10Format.RECORD_BYTES] = 11;
    Files.write(dir.resolve("data_batch_4.bin"), mislabeled);

    VerificationReport report = Cifar10Verifier.verify(dir, false);

    assertFalse(report.ok());
    List<VerificationReport.FileReport> files = report.files();
    assertTrue(files.get(0).ok());
    assertTrue(files.get(1).problems().get(0).startsWith("missing"), files.get(1).problems().toString());
    assertTrue(files.get(2).problems().get(0).contains("truncated or corrupt"), files.get(2).problems().toString());
    assertEquals(49, files.get(2).records(), "the whole records of a truncated file are still counted");
    assertEquals(2, files.get(3).problems().size(), "the first bad label, then how many there are");
    assertTrue(files.get(3).problems().get(0).contains("record 3 "), files.get(3).problems().toString());
    assertTrue(files.get(3).problems().get(1).startsWith("2 records"), files.get(3).problems().toString());
    assertEquals(48, files.get(3).classCounts().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void comparesWithAChecksumListInTheDirectory() throws Exception {
    Cifar10Fixture.writeDirectory(dir, 20);
    String good = sha256(Files.readAllBytes(dir.resolve("data_batch_1.bin")));
    Files.writeString(dir.resolve(Cifar10Verifier.CHECKSUM_FILE), good + "  data_batch_1.bin\n"
        + "0000000000000000000000000000000000000000000000000000000000000000  test_batch.bin\n");

    VerificationReport report = Cifar10Verifier.verify(dir, true);

    assertTrue(report.files().get(0).ok());
    assertTrue(report.files().get(5).problems().get(0).contains("SHA256SUMS lists 0000"),
        report.files().get(5).problems().toString());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
