package dev.convbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which directory the CIFAR-10 files are read from, downloading them into the user cache when needed.
 *
 * <p>Order: {@link DatasetOptions#dataDir()} (from {@code --data-dir} or the experiment file), else the environment
 * variable {@value #ENV_DIR}, else {@link #cacheDirectory()}. An explicit or environment directory is returned as
 * given (the loader checks its files and names what is missing; it is never downloaded into, because it is the
 * user's). The cache directory is downloaded once, atomically, when it does not exist.
 *
 * <p>The environment, home directory and OS name are passed in rather than read here, so tests and callers decide
 * what the locator sees; {@link #forThisMachine} reads the real ones.
 */
public final class Cifar10Locator {

  /** Environment variable naming the data directory. */
  public static final String ENV_DIR = "CIFAR10_DIR";

  private static final Logger LOG = LoggerFactory.getLogger(Cifar10Locator.class);

  private final Map<String, String> env;
  private final Path userHome;
  private final String osName;
  private final Cifar10Download download;

  /**
   * @param env environment variables (reads {@value #ENV_DIR}, {@code XDG_CACHE_HOME}, {@code LOCALAPPDATA})
   * @param userHome the user's home directory
   * @param osName value like the {@code os.name} system property; picks the cache convention
   * @param download how to fetch the data into the cache when it is missing there
   */
  public Cifar10Locator(Map<String, String> env, Path userHome, String osName, Cifar10Download download) {
    this.env = Map.copyOf(env);
    this.userHome = userHome;
    this.osName = osName;
    this.download = download;
  }

  /** The locator for the running process: real environment, {@code user.home}, {@code os.name}, official archive. */
  public static Cifar10Locator forThisMachine(DownloadListener listener) {
    return new Cifar10Locator(System.getenv(), Path.of(System.getProperty("user.home")),
        System.getProperty("os.name"), Cifar10Download.official(listener));
  }

  /**
   * The per-user cache directory for the unpacked data: {@code $XDG_CACHE_HOME/convbench/cifar-10-batches-bin}
   * when {@code XDG_CACHE_HOME} is set to an absolute path; otherwise on macOS
   * {@code ~/Library/Caches/convbench/…}, on Windows {@code %LOCALAPPDATA%\convbench\cache\…} (or
   * {@code ~\AppData\Local\…}), elsewhere {@code ~/.cache/convbench/…}.
   */
  public Path cacheDirectory() {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    Path base;
    String xdg = nonBlank(env.get("XDG_CACHE_HOME"));
    if (xdg != null && Path.of(xdg).isAbsolute()) {  // the XDG spec says to ignore relative values
      base = Path.of(xdg).resolve("convbench");
    } else if (os.startsWith("windows")) {
      String local = nonBlank(env.get("LOCALAPPDATA"));
      base = (local != null ? Path.of(local) : userHome.resolve("AppData").resolve("Local"))
          .resolve("convbench").resolve("cache");
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      base = userHome.resolve("Library").resolve("Caches").resolve("convbench");
    } else {
      base = userHome.resolve(".cache").resolve("convbench");
    }
    return base.resolve(Cifar10Format.ARCHIVE_DIRECTORY);
  }

  /**
   * The directory to read for {@code options}, downloading into the cache if that is where the data should be and
   * it is not there yet.
   *
   * @throws DataException the cache directory exists but is incomplete (it is not overwritten: the user may have
   *     put files there), or the download failed
   */
  public Path locate(DatasetOptions options) throws DataException {
    Path chosen = chosenDirectory(options);
    return chosen != null ? chosen : ensureCache();
  }

  /**
   * The directory {@link #locate} reads for {@code options}, without downloading anything.
   *
   * @throws DataException when that is the user cache and it lacks files: names them, where it looked, and how to
   *     get the data
   */
  public Path locateWithoutDownload(DatasetOptions options) throws DataException {
    Path chosen = chosenDirectory(options);
    if (chosen != null) {
      return chosen;
    }
    Path cache = cacheDirectory();
    List<String> missing = Cifar10Format.missingFiles(cache);
    if (!missing.isEmpty()) {
      throw new DataException("no CIFAR-10 data in " + cache + " (missing " + String.join(", ", missing)
          + "); get it with 'convbench data download', or point " + ENV_DIR + " or --data-dir at a copy");
    }
    return cache;
  }

  /** The directory the user chose with {@code --data-dir} or {@value #ENV_DIR}, or null for the user cache. */
  private Path chosenDirectory(DatasetOptions options) {
    if (options.dataDir() != null) {
      return options.dataDir();
    }
    String fromEnv = nonBlank(env.get(ENV_DIR));
    if (fromEnv != null) {
      LOG.debug("CIFAR-10 directory from {}: {}", ENV_DIR, fromEnv);
      return Path.of(fromEnv);
    }
    return null;
  }

  /**
   * The user cache, downloading the official archive into it first when it is missing (the only network access).
   *
   * @throws DataException when the cache is incomplete or the download fails (nothing half-written is left)
   */
  public Path ensureCache() throws DataException {
    Path cache = cacheDirectory();
    if (Files.exists(cache)) {
      List<String> missing = Cifar10Format.missingFiles(cache);
      if (missing.isEmpty()) {
        return cache;
      }
      if (!isEmptyDirectory(cache)) {
        throw new DataException("The CIFAR-10 cache directory " + cache + " is incomplete: it lacks "
            + String.join(", ", missing) + ". Delete it to download the data again, or point --data-dir (or "
            + ENV_DIR + ") at a complete copy.");
      }
      try {
        Files.delete(cache);  // an empty directory (made by hand?) would block the atomic move into place
      } catch (IOException e) {
        throw new DataException("Cannot replace the empty CIFAR-10 cache directory " + cache + ": " + e.getMessage(),
            e);
      }
    }
    download.installInto(cache);
    return cache;
  }

  private static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
