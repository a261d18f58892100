package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10LocatorTest {

  @TempDir
  Path tmp;

  private Path home;
  private Path archive;
  private final AtomicInteger downloads = new AtomicInteger();

  @BeforeEach
  void writeArchive() throws Exception {
    home = tmp.resolve("home");
    archive = Files.write(tmp.resolve("cifar-10-binary.tar.gz"), Cifar10Fixture.cifarArchive(10));
  }

  /** Downloads from the local archive, counting downloads. */
  private Cifar10Download localDownload(String md5) {
    return new Cifar10Download(archive.toUri(), md5, new DownloadListener() {
      @Override
      public void progress(long bytesDone, long bytesTotal) {
      }

      @Override
      public void step(String description) {
        if (description.startsWith("downloading")) {
          downloads.incrementAndGet();
        }
      }
    });
  }

  private Cifar10Locator locator(Map<String, String> env) throws Exception {
    return new Cifar10Locator(env, home, "Linux", localDownload(Cifar10DownloadTest.md5(Files.readAllBytes(archive))));
  }

  @Test
  void explicitDirectoryWinsOverTheEnvironment() throws Exception {
    Path explicit = tmp.resolve("explicit");

    Path located = locator(Map.of(Cifar10Locator.ENV_DIR, "/from/env"))
        .locate(DatasetOptions.defaults().withDataDir(explicit));

    assertEquals(explicit, located);
    assertEquals(0, downloads.get());
  }

  @Test
  void environmentVariableIsUsedWithoutExplicitDirectory() throws Exception {
    Path located = locator(Map.of(Cifar10Locator.ENV_DIR, "/from/env")).locate(DatasetOptions.defaults());

    assertEquals(Path.of("/from/env"), located);
    assertEquals(0, downloads.get());
  }

  @Test
  void cacheIsDownloadedOnceThenReused() throws Exception {
    Cifar10Locator locator = locator(Map.of(Cifar10Locator.ENV_DIR, "  "));  // blank counts as unset

    Path first = locator.locate(DatasetOptions.defaults());
    Path second = locator.locate(DatasetOptions.defaults());

    assertEquals(home.resolve(".cache/convbench/cifar-10-batches-bin"), first);
    assertEquals(first, second);
    assertEquals(1, downloads.get());
    assertEquals(List.of(), Cifar10Format.missingFiles(first));
  }

  @Test
  void failedDownloadLeavesNoCacheDirectory() throws Exception {
    Cifar10Locator locator = new Cifar10Locator(Map.of(), home, "Linux", localDownload("0123456789abcdef"));

    assertThrows(DataException.class, () -> locator.locate(DatasetOptions.defaults()));

    assertFalse(Files.exists(locator.cacheDirectory()));
  }

  @Test
  void incompleteCacheIsReportedNotOverwritten() throws Exception {
    Cifar10Locator locator = locator(Map.of());
    Cifar10Fixture.writeDirectory(locator.cacheDirectory(), 10);
    Files.delete(locator.cacheDirectory().resolve("data_batch_5.bin"));

    DataException e = assertThrows(DataException.class, () -> locator.locate(DatasetOptions.defaults()));

    assertTrue(e.getMessage().contains(locator.cacheDirectory() + " is incomplete: it lacks data_batch_5.bin"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Delete it"), e.getMessage());
    assertEquals(0, downloads.get());
  }

  @Test
  void emptyCacheDirectoryIsFilled() throws Exception {
    Cifar10Locator locator = locator(Map.of());
    Files.createDirectories(locator.cacheDirectory());

    Path located = locator.locate(DatasetOptions.defaults());

    assertEquals(List.of(), Cifar10Format.missingFiles(located));
  }

  @Test
  void cacheDirectoryFollowsEachPlatformsConvention() {
    Path h = Path.of("/home/u");
    Cifar10Download unused = localDownload("0");

    assertEquals(Path.of("/xdg/convbench/cifar-10-batches-bin"),
        new Cifar10Locator(Map.of("XDG_CACHE_HOME", "/xdg"), h, "Linux", unused).cacheDirectory());
    assertEquals(h.resolve(".cache/convbench/cifar-10-batches-bin"),
        new Cifar10Locator(Map.of(), h, "Linux", unused).cacheDirectory());
    assertEquals(h.resolve(".cache/convbench/cifar-10-batches-bin"),
        new Cifar10Locator(Map.of("XDG_CACHE_HOME", "relative"), h, "Linux", unused).cacheDirectory(),
        "a relative XDG_CACHE_HOME is ignored, as the XDG spec says");
    assertEquals(h.resolve("Library/Caches/convbench/cifar-10-batches-bin"),
        new Cifar10Locator(Map.of(), h, "Mac OS X", unused).cacheDirectory());
    assertEquals(Path.of("/appdata/local").resolve("convbench/cache/cifar-10-batches-bin"),
        new Cifar10Locator(Map.of("LOCALAPPDATA", "/appdata/local"), h, "Windows 11", unused).cacheDirectory());
    assertEquals(h.resolve("AppData/Local/convbench/cache/cifar-10-batches-bin"),
        new Cifar10Locator(Map.of(), h, "Windows 11", unused).cacheDirectory());
  }
}
