package dev.convbench.plugin;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars during a test, the way a third party would: compile Java source against the harness, then
 * package the classes with a services file.
 */
final class PluginJars {

  private PluginJars() {
  }

  /**
   * Source of a plugin class named {@code className} (e.g. {@code ext.Widget}) whose {@code name()} returns
   * {@code pluginName} and whose constructor runs {@code constructorBody}.
   */
  static String pluginSource(String className, String pluginName, String constructorBody) {
    int dot = className.lastIndexOf('.');
    return """
        package %s;

        import dev.convbench.graph.Network;
        import dev.convbench.spi.ArchitecturePlugin;
        import dev.convbench.spi.HyperParameters;
        import org.tensorflow.Operand;
        import org.tensorflow.types.TFloat32;

        public final class %s implements ArchitecturePlugin {
          public %s() {
            %s
          }

          @Override
          public String name() {
            return "%s";
          }

          @Override
          public String description() {
            return "built by a convbench test";
          }

          @Override
          public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
            throw new UnsupportedOperationException("test plugin");
          }
        }
        """.formatted(className.substring(0, dot), className.substring(dot + 1), className.substring(dot + 1),
        constructorBody, pluginName);
  }

  /** A jar with one plugin class, listed in the services file. */
  static Path plugin(Path jar, String className, String pluginName) throws IOException {
    return plugin(jar, className, pluginName, "");
  }

  /** A jar with one plugin class whose constructor runs {@code constructorBody}. */
  static Path plugin(Path jar, String className, String pluginName, String constructorBody) throws IOException {
    return build(jar, List.of(pluginSource(className, pluginName, constructorBody)), List.of(className));
  }

  /**
   * Compiles {@code sources} against the test classpath and writes them to {@code jar}, with {@code serviceEntries}
   * as the services file (none when {@code null}).
   */
  static Path build(Path jar, List<String> sources, List<String> serviceEntries) throws IOException {
    return build(jar, sources, serviceEntries, java.util.Map.of());
  }

  /** As {@link #build(Path, List, List)}, with these main attributes in the jar's manifest. */
  static Path build(Path jar, List<String> sources, List<String> serviceEntries,
      java.util.Map<String, String> manifestAttributes) throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), "build-");
    Path classes = Files.createDirectories(work.resolve("classes"));
    compile(work, classes, sources);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifestAttributes.forEach((k, v) -> manifest.getMainAttributes().put(new Attributes.Name(k), v));
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        add(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
      if (serviceEntries != null) {
        add(out, PluginDiscovery.SERVICE_FILE,
            (String.join("\n", serviceEntries) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return jar;
  }

  private static void compile(Path work, Path classes, List<String> sources) throws IOException {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      fail("these tests need a JDK (javax.tools compiler), not a JRE");
    }
    List<Path> files = new ArrayList<>();
    for (String source : sources) {
      Path file = work.resolve("src").resolve(pathOf(source));
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      files.add(file);
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null, null)) {
      List<String> options = List.of("--release", "17", "-proc:none",
          "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
      boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null,
          fileManager.getJavaFileObjectsFromPaths(files)).call();
      if (!ok) {
        fail("test plugin did not compile: " + diagnostics.getDiagnostics());
      }
    }
  }

  /** {@code ext/Widget.java} for a source declaring {@code package ext;} and {@code class Widget}. */
  private static String pathOf(String source) {
    String pkg = source.replaceFirst("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
    String cls = source.replaceFirst("(?s).*?\\bclass\\s+(\\w+).*", "$1");
    return pkg.replace('.', '/') + "/" + cls + ".java";
  }

  private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
    out.putNextEntry(new JarEntry(name));
    out.write(content);
    out.closeEntry();
  }
}
