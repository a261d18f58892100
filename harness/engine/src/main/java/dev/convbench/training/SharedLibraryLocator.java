package dev.convbench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds shared libraries by soname the way Linux's dynamic loader does for a {@code dlopen("libcudart.so.12")}: the
 * directories of {@code LD_LIBRARY_PATH}, then the loader's cache ({@code ldconfig -p}), then the system directories.
 * A library that only sits in a usual install directory the loader does not search (e.g.
 * {@code /usr/local/cuda/lib64}) is reported as not found, with where it is, because TensorFlow will not find it
 * either.
 */
public final class SharedLibraryLocator {

  /** Where the loader finds a library, or not. */
  public enum Source { LD_LIBRARY_PATH, LOADER_CACHE, SYSTEM_DIRECTORY, NOT_FOUND }

  /**
   * One library looked up.
   *
   * @param soname the name asked for, e.g. {@code libcudnn.so.8}
   * @param source where the loader would find it, or {@link Source#NOT_FOUND}
   * @param path the file found, or for a library the loader misses, a copy outside its search path; else null
   */
  public record Lookup(String soname, Source source, Path path) {
    public boolean found() {
      return source != Source.NOT_FOUND;
    }

    /** For messages: {@code libcudart.so.12 (LD_LIBRARY_PATH: /opt/cuda/lib64/libcudart.so.12)} and the like. */
    public String describe() {
      return switch (source) {
        case LD_LIBRARY_PATH -> soname + " (LD_LIBRARY_PATH: " + path + ")";
        case LOADER_CACHE -> soname + " (ldconfig: " + path + ")";
        case SYSTEM_DIRECTORY -> soname + " (" + path + ")";
        case NOT_FOUND -> soname + (path == null ? "" : " (only at " + path + ", which the loader does not search: "
            + "add " + path.getParent() + " to LD_LIBRARY_PATH or run ldconfig)");
      };
    }
  }

  /** The 64-bit system directories of Debian/Ubuntu (multiarch) and of Red Hat-like systems. */
  static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/lib/x86_64-linux-gnu"),
      Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/lib64"), Path.of("/usr/lib64"), Path.of("/lib"),
      Path.of("/usr/lib"));

  /** Where CUDA and cuDNN are usually installed when they are installed outside the loader's path. */
  static final List<Path> USUAL_CUDA_DIRECTORIES = List.of(Path.of("/usr/local/cuda/lib64"),
      Path.of("/usr/local/cuda/targets/x86_64-linux/lib"), Path.of("/usr/local/cuda-12/lib64"),
      Path.of("/usr/lib/wsl/lib"));

  private final List<Path> ldLibraryPath;
  private final Map<String, Path> loaderCache;
  private final List<Path> systemDirectories;
  private final List<Path> usualDirectories;

  /**
   * @param ldLibraryPath the directories of {@code LD_LIBRARY_PATH}, in order
   * @param loaderCache soname → file, as {@code ldconfig -p} lists them for this machine's architecture
   * @param systemDirectories searched last, as the loader does
   * @param usualDirectories not searched by the loader; only named when a library is found nowhere else
   */
  public SharedLibraryLocator(List<Path> ldLibraryPath, Map<String, Path> loaderCache, List<Path> systemDirectories,
      List<Path> usualDirectories) {
    this.ldLibraryPath = List.copyOf(ldLibraryPath);
    this.loaderCache = Map.copyOf(loaderCache);
    this.systemDirectories = List.copyOf(systemDirectories);
    this.usualDirectories = List.copyOf(usualDirectories);
  }

  /** The locator for this machine, with {@code LD_LIBRARY_PATH} from {@code env}. */
  public static SharedLibraryLocator forThisMachine(Map<String, String> env) {
    return new SharedLibraryLocator(pathList(env.get("LD_LIBRARY_PATH")),
        parseLdconfig(runLdconfig(), archTag(System.getProperty("os.arch", ""))), SYSTEM_DIRECTORIES,
        USUAL_CUDA_DIRECTORIES);
  }

  /** Where the loader would find {@code soname}. */
  public Lookup find(String soname) {
    for (Path dir : ldLibraryPath) {
      if (Files.isRegularFile(dir.resolve(soname))) {
        return new Lookup(soname, Source.LD_LIBRARY_PATH, dir.resolve(soname));
      }
    }
    Path cached = loaderCache.get(soname);
    if (cached != null && Files.isRegularFile(cached)) {
      return new Lookup(soname, Source.LOADER_CACHE, cached);
    }
    for (Path dir : systemDirectories) {
      if (Files.isRegularFile(dir.resolve(soname))) {
        return new Lookup(soname, Source.SYSTEM_DIRECTORY, dir.resolve(soname));
      }
    }
    for (Path dir : usualDirectories) {
      if (Files.isRegularFile(dir.resolve(soname))) {
        return new Lookup(soname, Source.NOT_FOUND, dir.resolve(soname));
      }
    }
    return new Lookup(soname, Source.NOT_FOUND, null);
  }

  /** The directories of a colon-separated list; empty entries (the current directory to the loader) are dropped. */
  static List<Path> pathList(String value) {
    List<Path> dirs = new ArrayList<>();
    if (value != null) {
      for (String part : value.split(":")) {
        if (!part.isBlank()) {
          dirs.add(Path.of(part));
        }
      }
    }
    return dirs;
  }

  /**
   * The libraries of {@code ldconfig -p} output for one architecture: lines such as
   * {@code "\tlibcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12"}. The first entry of a name
   * wins, as in the loader. {@code archTag} is {@code x86-64}, {@code AArch64}, or empty to take every entry.
   */
  static Map<String, Path> parseLdconfig(List<String> lines, String archTag) {
    Map<String, Path> libraries = new LinkedHashMap<>();
    for (String line : lines) {
      int open = line.indexOf(" (");
      int close = line.indexOf(") => ", open + 1);
      if (open < 0 || close < 0) {
        continue;
      }
      String flags = line.substring(open + 2, close);
      if (archTag.isEmpty() || flags.contains(archTag)) {
        libraries.putIfAbsent(line.substring(0, open).strip(), Path.of(line.substring(close + 5).strip()));
      }
    }
    return libraries;
  }

  /** {@code ldconfig -p}'s tag for the JVM's architecture. */
  static String archTag(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86-64";
      case "aarch64", "arm64" -> "AArch64";
      default -> "";
    };
  }

  private static List<String> runLdconfig() {
    for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
      if (ldconfig.startsWith("/") && !Files.isExecutable(Path.of(ldconfig))) {
        continue;
      }
      try {
        Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
        p.getOutputStream().close();
        List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return lines;
        }
      } catch (IOException e) {
        // Try the next place; without ldconfig the other places are still searched.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }
}
