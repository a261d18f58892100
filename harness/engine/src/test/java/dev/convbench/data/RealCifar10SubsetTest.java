package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads real CIFAR-10 files when the environment variable {@code CIFAR10_DIR} names a directory of them, e.g.
 * {@code CIFAR10_DIR=/work/shared/data/cifar-10-subset-bin} (the first 1,017 records of each official file);
 * skipped otherwise.
 */
class RealCifar10SubsetTest {

  private static Path realDirectory() {
    String dir = System.getenv(Cifar10Locator.ENV_DIR);
    assumeTrue(dir != null && !dir.isBlank(), "set " + Cifar10Locator.ENV_DIR + " to run against real CIFAR-10");
    return Path.of(dir);
  }

  @Test
  void loadsTheRealFiles() throws Exception {
    Path dir = realDirectory();

    Dataset data = DatasetLoader.read(dir, DatasetOptions.defaults().withAllowPartial(true));

    if (data.partial()) {  // the shared subset
      assertEquals(5_085, data.train().count());
      assertEquals(1_017, data.eval().count());
    } else {
      assertEquals(50_000, data.train().count());
      assertEquals(10_000, data.eval().count());
    }
    for (ImageSet set : new ImageSet[] {data.train(), data.eval()}) {
      int[] counts = Cifar10Fixture.classCounts(set);  // also fails on a label outside 0–9
      for (int c = 0; c < ImageSet.CLASSES; c++) {
        assertTrue(counts[c] > 0, "class " + c + " present");
      }
    }
  }

  @Test
  void realFilesVerifyAgainstTheirChecksums() {
    VerificationReport report = Cifar10Verifier.verify(realDirectory(), true);

    assertTrue(report.ok(), report.toString());
  }
}
