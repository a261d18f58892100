package dev.convbench.plugin;

import dev.convbench.spi.ArchitecturePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds architecture plugins on the classpath and in plugin directories, with {@link ServiceLoader}.
 *
 * <p>Contract of {@link #discover}:
 * <ul>
 *   <li>Classpath plugins are those {@code ServiceLoader.load(ArchitecturePlugin.class, parent)} finds.</li>
 *   <li>Every regular file named {@code *.jar} directly in the plugin directory (not in subdirectories) is loaded in
 *       file-name order, each in its own class loader whose parent is {@code parent}: plugins share the SPI and
 *       TensorFlow classes with the harness but not each other's classes, so two plugins may bundle clashing
 *       helpers. A jar only contributes classes it defines itself; listing a class that is already on the classpath
 *       does not register it twice.</li>
 *   <li>A jar that cannot be loaded (not a zip, no or a broken services file, a missing class, a constructor that
 *       throws, an invalid {@linkplain DiscoveredPlugin#NAME_REGEX name}) is skipped as a whole and reported in
 *       {@link PluginRegistry#problems()}; the other jars are unaffected. A broken classpath provider is reported the
 *       same way. The CLI refuses to start when there is any ({@link PluginLoadException}).</li>
 *   <li>A missing plugin directory simply contributes nothing, so the default directories are optional (the
 *       CLI checks a directory given with {@code --plugins} itself).</li>
 * </ul>
 *
 * <p>Class loaders of loaded jars stay open for the life of the JVM, because their plugins are used until the run
 * ends. Instances hold no state; one may be reused.
 */
public final class PluginDiscovery {

  /** The services file a plugin jar lists its {@link ArchitecturePlugin} classes in. */
  public static final String SERVICE_FILE = "META-INF/services/" + ArchitecturePlugin.class.getName();

  /** Stops a classpath scan whose iterator keeps failing; far more than any real number of broken providers. */
  private static final int MAX_CLASSPATH_FAILURES = 100;

  /**
   * Discovers all plugins.
   *
   * @param parent the harness class loader: scanned for classpath plugins and used as the parent of each jar's loader
   * @param pluginDir directory of third-party plugin jars, as {@link PluginDirectory#directories} names them
   * @return the registry; skipped jars are in its {@link PluginRegistry#problems() problems}
   * @throws PluginDiscoveryException when {@code pluginDir} exists but is not a readable directory
   * @throws DuplicatePluginException when two plugins (from anywhere) have the same name
   */
  public PluginRegistry discover(ClassLoader parent, Path pluginDir) {
    return discover(parent, List.of(Objects.requireNonNull(pluginDir, "pluginDir")));
  }

  /**
   * Discovers all plugins, from the classpath and every directory in {@code pluginDirs} (in that order; each as
   * {@link #discover(ClassLoader, Path)} reads one).
   *
   * @throws PluginDiscoveryException when one of {@code pluginDirs} exists but is not a readable directory
   * @throws DuplicatePluginException when two plugins (from anywhere, including two directories) have the same name
   */
  public PluginRegistry discover(ClassLoader parent, List<Path> pluginDirs) {
    Objects.requireNonNull(parent, "parent");
    List<Path> jars = new ArrayList<>();
    for (Path dir : pluginDirs) {
      jars.addAll(jarsIn(dir));
    }
    List<DiscoveredPlugin> plugins = new ArrayList<>();
    List<LoadProblem> problems = new ArrayList<>();
    scanClasspath(parent, plugins, problems);
    JarPluginLoader jarLoader = new JarPluginLoader(parent);
    for (Path jar : jars) {
      try {
        plugins.addAll(jarLoader.load(jar));
      } catch (JarPluginLoader.JarRejectedException e) {
        problems.add(new LoadProblem(PluginOrigin.jar(jar), e.getMessage()));
      }
    }
    return new PluginRegistry(plugins, problems);
  }

  /** The jars to load, sorted by file name so duplicate errors and problem lists are reproducible. */
  static List<Path> jarsIn(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    if (!Files.isDirectory(dir)) {
      throw new PluginDiscoveryException("plugin directory " + dir.toAbsolutePath() + " is not a directory; point"
          + " --plugins or " + PluginDirectory.ENV_VAR + " at a directory of plugin jars");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(path -> path.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw new PluginDiscoveryException("cannot list plugin directory " + dir.toAbsolutePath() + ": " + e, e);
    }
  }

  private static void scanClasspath(ClassLoader loader, List<DiscoveredPlugin> plugins, List<LoadProblem> problems) {
    Iterator<ArchitecturePlugin> providers = ServiceLoader.load(ArchitecturePlugin.class, loader).iterator();
    int failures = 0;
    while (failures < MAX_CLASSPATH_FAILURES) {
      ArchitecturePlugin plugin;
      try {
        if (!providers.hasNext()) {
          return;
        }
        plugin = providers.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // ServiceLoader's iterator moves on to the next provider after an error (best effort), so one broken
        // built-in does not hide the others.
        failures++;
        problems.add(new LoadProblem(PluginOrigin.classpath(), Failures.describe(e)));
        continue;
      }
      PluginOrigin origin = PluginOrigin.classpathOf(plugin.getClass());
      try {
        plugins.add(new DiscoveredPlugin(plugin, origin));
      } catch (RuntimeException e) {
        failures++;
        problems.add(new LoadProblem(origin, Failures.describe(e)));
      }
    }
  }
}
