package dev.convbench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a local HTTP server: never the network. */
class Cifar10DownloadTest {

  private static final byte[] ARCHIVE = Cifar10Fixture.cifarArchive(20);

  @TempDir
  Path tmp;

  private HttpServer server;
  private Path cache;
  private Path target;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cifar-10-binary.tar.gz", exchange -> {
      exchange.sendResponseHeaders(200, ARCHIVE.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(ARCHIVE);
      }
    });
    server.createContext("/gone", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
    cache = tmp.resolve("cache").resolve("convbench");
    target = cache.resolve("cifar-10-batches-bin");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void downloadsVerifiesAndInstallsTheDirectory() throws Exception {
    RecordingListener listener = new RecordingListener();

    new Cifar10Download(url("/cifar-10-binary.tar.gz"), md5(ARCHIVE), listener).installInto(target);

    assertEquals(List.of(), Cifar10Format.missingFiles(target));
    Dataset data = DatasetLoader.read(target, DatasetOptions.defaults().withAllowPartial(true));
    assertEquals(100, data.train().count());
    assertEquals("6:19", Cifar10Fixture.origin(data.eval(), 19));
    assertEquals(List.of(target), entries(cache), "no temporary files left next to the data");
    long[] last = listener.progress.get(listener.progress.size() - 1);
    assertEquals(ARCHIVE.length, last[0]);
    assertEquals(ARCHIVE.length, last[1]);
    assertTrue(listener.steps.containsAll(List.of("verifying checksum", "unpacking")), listener.steps.toString());
  }

  @Test
  void wrongChecksumDeletesTheDownloadAndInstallsNothing() throws IOException {
    String wrong = "00000000000000000000000000000000";

    DataException e = assertThrows(DataException.class,
        () -> new Cifar10Download(url("/cifar-10-binary.tar.gz"), wrong, DownloadListener.NONE).installInto(target));

    assertTrue(e.getMessage().contains("MD5 checksum is " + md5(ARCHIVE) + ", expected " + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("The download was deleted"), e.getMessage());
    assertFalse(Files.exists(target));
    assertEquals(List.of(), entries(cache));
  }

  @Test
  void httpErrorIsReportedAndInstallsNothing() throws IOException {
    DataException e = assertThrows(DataException.class,
        () -> new Cifar10Download(url("/gone"), md5(ARCHIVE), DownloadListener.NONE).installInto(target));

    assertTrue(e.getMessage().contains("answered HTTP 404"), e.getMessage());
    assertTrue(e.getMessage().contains("--data-dir"), e.getMessage());
    assertEquals(List.of(), entries(cache));
  }

  @Test
  void unreachableServerIsReported() throws IOException {
    URI closed = url("/cifar-10-binary.tar.gz");
    server.stop(0);

    DataException e = assertThrows(DataException.class,
        () -> new Cifar10Download(closed, md5(ARCHIVE), DownloadListener.NONE).installInto(target));

    assertTrue(e.getMessage().startsWith("Cannot download CIFAR-10 from " + closed), e.getMessage());
    assertEquals(List.of(), entries(cache));
  }

  @Test
  void fileUrlIsSupported() throws Exception {
    Path archive = Files.write(tmp.resolve("cifar-10-binary.tar.gz"), ARCHIVE);

    new Cifar10Download(archive.toUri(), md5(ARCHIVE).toUpperCase(java.util.Locale.ROOT), DownloadListener.NONE).installInto(target);

    assertEquals(List.of(), Cifar10Format.missingFiles(target));
  }

  @Test
  void archiveWithoutTheBatchFilesIsRefused() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("cifar-10-batches-py/data_batch_1", new byte[10]);
    Path archive = Files.write(tmp.resolve("other.tar.gz"), Cifar10Fixture.tarGz(entries));

    DataException e = assertThrows(DataException.class,
        () -> new Cifar10Download(archive.toUri(), md5(Files.readAllBytes(archive)), DownloadListener.NONE)
            .installInto(target));

    assertTrue(e.getMessage().contains("is not the CIFAR-10 binary archive"), e.getMessage());
    assertTrue(e.getMessage().contains("lacks data_batch_1.bin"), e.getMessage());
    assertEquals(List.of(), entries(cache));
  }

  @Test
  void archiveThatIsNotGzipIsRefused() throws IOException {
    byte[] notGzip = "<html>Moved</html>".getBytes(StandardCharsets.US_ASCII);
    Path archive = Files.write(tmp.resolve("page.tar.gz"), notGzip);

    DataException e = assertThrows(DataException.class,
        () -> new Cifar10Download(archive.toUri(), md5(notGzip), DownloadListener.NONE).installInto(target));

    assertTrue(e.getMessage().startsWith("Cannot unpack the CIFAR-10 archive"), e.getMessage());
    assertEquals(List.of(), entries(cache));
  }

  @Test
  void entriesOutsideTheTargetAreRefused() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("cifar-10-batches-bin/../../escaped.txt", new byte[] {1});
    Path archive = Files.write(tmp.resolve("evil.tar.gz"), Cifar10Fixture.tarGz(entries));

    DataException e = assertThrows(DataException.class,
        () -> new Cifar10Download(archive.toUri(), md5(Files.readAllBytes(archive)), DownloadListener.NONE)
            .installInto(target));

    assertTrue(e.getMessage().contains("outside the target directory"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("cache").resolve("escaped.txt")));
    assertFalse(Files.exists(cache.resolve("escaped.txt")));
  }

  @Test
  void aCopyInstalledMeanwhileByAnotherProcessIsKept() throws Exception {
    Cifar10Fixture.writeDirectory(target, 7);

    new Cifar10Download(url("/cifar-10-binary.tar.gz"), md5(ARCHIVE), DownloadListener.NONE).installInto(target);

    assertEquals(7 * Cifar10Format.RECORD_BYTES, Files.size(target.resolve("data_batch_1.bin")));
    assertEquals(List.of(target), entries(cache));
  }

  @Test
  void leftoversOfAKilledInstallAreRemovedOnceStale() throws Exception {
    Files.createDirectories(cache);
    Path stale = Files.createDirectory(cache.resolve(".cifar-10-unpack-123"));
    Files.writeString(stale.resolve("half.bin"), "x");
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    Path young = Files.writeString(cache.resolve(".cifar-10-binary-456.tar.gz.part"), "still downloading");

    new Cifar10Download(url("/cifar-10-binary.tar.gz"), md5(ARCHIVE), DownloadListener.NONE).installInto(target);

    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(young), "a young entry may belong to a running install");
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> entries(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

  private static final class RecordingListener implements DownloadListener {
    final List<long[]> progress = new ArrayList<>();
    final List<String> steps = new ArrayList<>();

    @Override
    public void progress(long bytesDone, long bytesTotal) {
      progress.add(new long[] {bytesDone, bytesTotal});
    }

    @Override
    public void step(String description) {
      steps.add(description);
    }
  }
}
