package dev.convbench.plugin;

import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.SpiVersion;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Loads the plugins of one plugin-directory jar in a class loader of its own, all or nothing.
 */
final class JarPluginLoader {

  private static final String REMEDY = "; fix or rebuild the plugin, or remove the jar from the plugin directory";

  private final ClassLoader harnessLoader;

  JarPluginLoader(ClassLoader harnessLoader) {
    this.harnessLoader = harnessLoader;
  }

  /**
   * Creates every plugin the jar lists in its services file.
   *
   * @return at least one plugin; the jar's class loader stays open because the plugins need it
   * @throws JarRejectedException with a user-facing reason (without the jar path, which the caller reports)
   */
  List<DiscoveredPlugin> load(Path jar) throws JarRejectedException {
    requireServiceFile(jar);
    URLClassLoader loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {toUrl(jar)},
        new OwnServicesOnly(harnessLoader));
    boolean loaded = false;
    try {
      List<DiscoveredPlugin> plugins = instantiate(loader, PluginOrigin.jar(jar));
      loaded = true;
      return plugins;
    } finally {
      if (!loaded) {
        closeQuietly(loader);
      }
    }
  }

  /** Checks before class loading, because URLClassLoader silently ignores unreadable jars. */
  private static void requireServiceFile(Path jar) throws JarRejectedException {
    try (JarFile file = new JarFile(jar.toFile())) {
      if (file.getEntry(PluginDiscovery.SERVICE_FILE) == null) {
        throw new JarRejectedException("not a plugin jar: it has no " + PluginDiscovery.SERVICE_FILE
            + " listing its ArchitecturePlugin classes" + REMEDY);
      }
      requireCompatibleApi(file.getManifest());
    } catch (IOException e) {
      throw new JarRejectedException("not a readable jar (" + e.getMessage() + ")" + REMEDY);
    }
  }

  /**
   * A jar that names the plugin API it was built for must name one this harness runs; a jar that names none (built
   * without the manifest entry) is loaded, and fails only if it really uses something missing.
   */
  static void requireCompatibleApi(Manifest manifest) throws JarRejectedException {
    String declared = manifest == null ? null
        : manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
    if (declared == null) {
      return;
    }
    SpiVersion here = SpiVersion.current();
    SpiVersion built = SpiVersion.parse(declared).orElseThrow(() -> new JarRejectedException("its manifest's "
        + SpiVersion.MANIFEST_ATTRIBUTE + " is '" + declared.strip() + "', not a version such as " + here + REMEDY));
    if (!here.runs(built)) {
      throw new JarRejectedException("built for plugin API " + built + ", but this convbench has plugin API " + here
          + "; rebuild the plugin against convbench-spi " + here + ", or use a convbench whose plugin API is "
          + built.major() + ".x");
    }
  }

  private static List<DiscoveredPlugin> instantiate(URLClassLoader loader, PluginOrigin origin)
      throws JarRejectedException {
    List<DiscoveredPlugin> own = new ArrayList<>();
    List<String> alreadyOnClasspath = new ArrayList<>();
    try {
      for (ArchitecturePlugin plugin : ServiceLoader.load(ArchitecturePlugin.class, loader)) {
        // Parent-first delegation means a listed class that the harness can see is the harness's own copy.
        if (plugin.getClass().getClassLoader() != loader) {
          alreadyOnClasspath.add(plugin.getClass().getName());
          continue;
        }
        own.add(new DiscoveredPlugin(plugin, origin));
      }
    } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
      throw new JarRejectedException(Failures.describe(e) + REMEDY);
    }
    if (own.isEmpty()) {
      throw new JarRejectedException(alreadyOnClasspath.isEmpty()
          ? PluginDiscovery.SERVICE_FILE + " lists no classes" + REMEDY
          : "its plugin classes " + alreadyOnClasspath + " are already on the harness classpath, so the jar adds"
              + " nothing; remove it from the plugin directory");
    }
    return own;
  }

  private static URL toUrl(Path jar) throws JarRejectedException {
    try {
      return jar.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new JarRejectedException("path cannot be turned into a class path URL (" + e.getMessage() + ")");
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // Nothing was handed out from this loader; an unclosed file handle is the worst outcome.
    }
  }

  /**
   * Parent of each jar's loader: delegates everything to the harness loader except the plugin services file. Without
   * it, ServiceLoader over the jar would also walk the harness's providers, so a broken built-in would be blamed on
   * every jar.
   */
  private static final class OwnServicesOnly extends ClassLoader {

    OwnServicesOnly(ClassLoader harnessLoader) {
      super("convbench-plugin-parent", harnessLoader);
    }

    @Override
    public URL getResource(String name) {
      return PluginDiscovery.SERVICE_FILE.equals(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return PluginDiscovery.SERVICE_FILE.equals(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }

  /** A jar was skipped; the message says why and what to do. */
  static final class JarRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    JarRejectedException(String message) {
      super(message);
    }
  }
}
