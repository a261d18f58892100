package dev.convbench.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the CIFAR-10 binary archive, checks its MD5 and installs its {@code cifar-10-batches-bin} directory.
 *
 * <p>Contract of {@link #installInto}: the target directory appears complete or not at all. The archive is
 * downloaded and unpacked into temporary entries next to the target (same file system, names starting with
 * {@code .cifar-10-}), and only the finished directory is moved into place with one atomic rename. A checksum
 * mismatch, a network error or an interruption deletes the temporary entries and leaves the target untouched;
 * entries a killed process left behind are removed by a later install once they are a day old.
 *
 * <p>The source may be {@code https:}/{@code http:} (fetched with {@link HttpClient}, redirects followed) or
 * {@code file:} (for offline mirrors and tests).
 */
public final class Cifar10Download {

  /** The official archive (Krizhevsky, 2009). */
  public static final URI OFFICIAL_URI = URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
  /** MD5 of the official archive as published on the CIFAR-10 page. */
  public static final String OFFICIAL_MD5 = "c32a1d4ab5d03f1284b67883e8d87530";

  private static final Logger LOG = LoggerFactory.getLogger(Cifar10Download.class);
  private static final String TEMP_PREFIX = ".cifar-10-";
  private static final Duration STALE_AFTER = Duration.ofDays(1);
  private static final int BUFFER_BYTES = 64 * 1024;

  private final URI source;
  private final String expectedMd5;
  private final HttpClient http;
  private final DownloadListener listener;

  /**
   * @param source where the {@code .tar.gz} archive is
   * @param expectedMd5 its MD5, hexadecimal (case ignored)
   * @param http client for {@code http(s):} sources
   * @param listener hears progress
   */
  public Cifar10Download(URI source, String expectedMd5, HttpClient http, DownloadListener listener) {
    this.source = source;
    this.expectedMd5 = expectedMd5.toLowerCase(Locale.ROOT);
    this.http = http;
    this.listener = listener;
  }

  /** As the full constructor, with a client that follows redirects and gives up connecting after 30 s. */
  public Cifar10Download(URI source, String expectedMd5, DownloadListener listener) {
    this(source, expectedMd5,
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30))
            .build(),
        listener);
  }

  /** The official archive, checked against the official MD5. */
  public static Cifar10Download official(DownloadListener listener) {
    return new Cifar10Download(OFFICIAL_URI, OFFICIAL_MD5, listener);
  }

  public URI source() {
    return source;
  }

  /**
   * Downloads, verifies and unpacks the archive so that {@code target} becomes a directory holding the six
   * CIFAR-10 batch files (and {@code batches.meta.txt}). {@code target} must not exist or be an empty directory.
   * If another process installs the same directory meanwhile, its copy is kept.
   *
   * @throws DataException the download failed, the checksum did not match, the archive was not a CIFAR-10 binary
   *     archive, or the directory could not be placed; {@code target} is then left as it was
   */
  public void installInto(Path target) throws DataException {
    Path destination = target.toAbsolutePath().normalize();
    Path parent = destination.getParent();
    Path archive = null;
    Path unpacked = null;
    try {
      try {
        Files.createDirectories(parent);
        removeStaleLeftovers(parent);
        archive = Files.createTempFile(parent, TEMP_PREFIX + "binary-", ".tar.gz.part");
      } catch (IOException e) {
        throw new DataException("Cannot create the CIFAR-10 cache in " + parent + ": " + describe(e), e);
      }
      LOG.info("Downloading CIFAR-10 from {} into {}", source, destination);
      listener.step("downloading " + source);
      String md5 = fetch(archive);
      listener.step("verifying checksum");
      if (!md5.equals(expectedMd5)) {
        throw new DataException("The CIFAR-10 archive downloaded from " + source + " is damaged: its MD5 checksum is "
            + md5 + ", expected " + expectedMd5 + ". The download was deleted. Run again to retry, or download "
            + "cifar-10-binary.tar.gz yourself, unpack it and point --data-dir at its " + Cifar10Format.ARCHIVE_DIRECTORY
            + " directory.");
      }
      listener.step("unpacking");
      unpacked = unpack(archive, parent);
      Path batches = unpacked.resolve(Cifar10Format.ARCHIVE_DIRECTORY);
      List<String> missing = Cifar10Format.missingFiles(batches);
      if (!missing.isEmpty()) {
        throw new DataException("The archive downloaded from " + source + " is not the CIFAR-10 binary archive: "
            + Cifar10Format.ARCHIVE_DIRECTORY + "/ in it lacks " + String.join(", ", missing) + ".");
      }
      place(batches, destination);
    } finally {
      deleteQuietly(archive);
      deleteQuietly(unpacked);
    }
  }

  /** Copies the archive into {@code archive}, reporting progress; returns its MD5 in lowercase hex. */
  private String fetch(Path archive) throws DataException {
    try {
      if ("file".equalsIgnoreCase(source.getScheme())) {
        Path file = Path.of(source);
        try (InputStream in = Files.newInputStream(file)) {
          return copyHashing(in, Files.size(file), archive);
        }
      }
      HttpRequest request = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(1)).GET().build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        if (response.statusCode() != 200) {
          throw new DataException("Cannot download CIFAR-10: " + source + " answered HTTP " + response.statusCode()
              + ". " + manualHint());
        }
        return copyHashing(in, response.headers().firstValueAsLong("Content-Length").orElse(-1), archive);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new DataException("Cannot download CIFAR-10 from " + source + ": " + describe(e) + ". " + manualHint(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataException("The CIFAR-10 download from " + source + " was interrupted; nothing was installed.",
          e);
    }
  }

  private String copyHashing(InputStream in, long total, Path archive) throws IOException {
    MessageDigest md5 = digest("MD5");
    byte[] buffer = new byte[BUFFER_BYTES];
    long done = 0;
    listener.progress(0, total);
    try (OutputStream out = Files.newOutputStream(archive)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        md5.update(buffer, 0, n);
        out.write(buffer, 0, n);
        done += n;
        listener.progress(done, total);
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private Path unpack(Path archive, Path parent) throws DataException {
    try {
      Path unpacked = Files.createTempDirectory(parent, TEMP_PREFIX + "unpack-");
      try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)),
          BUFFER_BYTES)) {
        TarExtractor.extract(in, unpacked);
      } catch (IOException e) {
        deleteQuietly(unpacked);
        throw new DataException("Cannot unpack the CIFAR-10 archive from " + source + ": " + describe(e) + ".", e);
      }
      return unpacked;
    } catch (IOException e) {
      throw new DataException("Cannot unpack the CIFAR-10 archive into " + parent + ": " + describe(e) + ".", e);
    }
  }

  private static void place(Path batches, Path destination) throws DataException {
    try {
      Files.move(batches, destination, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("CIFAR-10 installed in {}", destination);
    } catch (IOException e) {
      // Linux reports a non-empty destination as a plain FileSystemException, so judge by what is there.
      if (Files.isDirectory(destination) && Cifar10Format.missingFiles(destination).isEmpty()) {
        LOG.info("CIFAR-10 was installed in {} meanwhile by another process; using that copy", destination);
        return;
      }
      throw new DataException(Files.exists(destination)
          ? "Cannot install CIFAR-10 into " + destination + ": it exists but is incomplete. Delete it and run again."
          : "Cannot move the unpacked CIFAR-10 into " + destination + ": " + describe(e) + ".", e);
    }
  }

  /** Deletes temporary entries of installs that were killed; young ones may belong to a running install. */
  private static void removeStaleLeftovers(Path parent) throws IOException {
    Instant staleBefore = Instant.now().minus(STALE_AFTER);
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (entry.getFileName().toString().startsWith(TEMP_PREFIX)
            && Files.getLastModifiedTime(entry).compareTo(FileTime.from(staleBefore)) < 0) {
          deleteQuietly(entry);
        }
      }
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not delete temporary CIFAR-10 download entry {}: {}", path, e.getMessage());
    }
  }

  private static String manualHint() {
    return "Check the network connection, or download cifar-10-binary.tar.gz yourself, unpack it and point "
        + "--data-dir (or the environment variable " + Cifar10Locator.ENV_DIR + ") at its "
        + Cifar10Format.ARCHIVE_DIRECTORY + " directory.";
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides " + algorithm, e);
    }
  }
}
