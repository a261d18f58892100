package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convbench data verify} through the real command line. */
class DataCommandTest {

  @TempDir
  Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void verifyWithoutDataSaysWhatIsMissingAndHowToGetItInsteadOfDownloading() {
    Path cacheHome = work.resolve("cache");
    CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("XDG_CACHE_HOME", cacheHome.toString()), work,
        false, work.resolve("home"), "Linux", Clock.systemUTC());

    int code = Main.execute(context, "data", "verify");

    Path cache = cacheHome.resolve("convbench").resolve("cifar-10-batches-bin");
    assertEquals("error: no CIFAR-10 data in " + cache + " (missing data_batch_1.bin, data_batch_2.bin,"
        + " data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin); get it with 'convbench data"
        + " download', or point CIFAR10_DIR or --data-dir at a copy" + System.lineSeparator(),
        err.toString(StandardCharsets.UTF_8));
    assertEquals(ExitCode.INVALID_INPUT, code);
    assertFalse(Files.exists(cache), "nothing is downloaded");
  }
}
