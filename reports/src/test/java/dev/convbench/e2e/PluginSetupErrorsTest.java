package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem setting up plugins stops the command before anything is trained, with one line on standard error
 * naming what to fix and exit code 2 (invalid input), never a stack trace.
 */
class PluginSetupErrorsTest {

  private static final String SERVICE_FILE = "META-INF/services/dev.convbench.spi.ArchitecturePlugin";
  private static final String REMEDY = "; fix or rebuild the plugin, or remove the jar from the plugin directory";

  @TempDir
  Path work;

  @Test
  void aPluginsDirectoryThatDoesNotExist() {
    Path missing = work.resolve("no-such-dir");

    Cli.Result r = Cli.run(work, "list", "--plugins", "no-such-dir");

    assertOneLineError(r, "error: --plugins " + missing + ": no such directory; create it and put the plugin jars in it,"
        + " or give the directory that holds them");
  }

  @Test
  void aPluginsOptionNamingAFile() throws IOException {
    Path jar = plugin("tiny.jar", "ext.Tiny", "tiny", "");

    Cli.Result r = Cli.run(work, "list", "--plugins", jar.toString());

    assertOneLineError(r,
        "error: --plugins " + jar + ": not a directory; give the directory that holds the plugin jars");
  }

  @Test
  void aJarArchitectureNamedLikeABuiltInOneStopsTheRunBeforeTraining() throws IOException {
    Path jar = plugin("impostor.jar", "ext.Impostor", "resnet18", "");
    Path experiment = Files.writeString(work.resolve("exp.yaml"),
        "name: exp\ndefaults: {epochs: 1}\nmatrix:\n  architecture: [baseline-cnn]\n");

    Cli.Result r = Cli.run(work, "run", experiment.toString(), "--out", "out");

    assertOneLineError(r, "error: two architectures are named 'resnet18': the built-in one and the one in " + jar
        + "; remove that jar or rename its architecture");
    assertFalse(Files.exists(work.resolve("out")), "nothing trained, no results directory");
  }

  @Test
  void twoJarsWithOneArchitectureName() throws IOException {
    Path first = plugin("a-twin.jar", "ext.A", "twin", "");
    Path second = plugin("b-twin.jar", "ext.B", "twin", "");

    Cli.Result r = Cli.run(work, "list");

    assertOneLineError(r, "error: two architectures are named 'twin': the one in " + first + " and the one in "
        + second + "; remove one of the jars or rename its architecture");
  }

  @Test
  void aJarThatCannotBeRead() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path corrupt = Files.write(Files.createDirectories(work.resolve("plugins.d")).resolve("corrupt.jar"), noise);

    Cli.Result r = Cli.run(work, "list");

    assertOneLineError(r, "error: plugin jar " + corrupt + ": not a readable jar (zip END header not found)" + REMEDY);
  }

  @Test
  void aPluginWhoseConstructorThrowsStopsTheRunBeforeTraining() throws IOException {
    Path jar = plugin("locked.jar", "ext.Locked", "locked",
        "throw new IllegalStateException(\"licence key missing\");");
    Path experiment = Files.writeString(work.resolve("exp.yaml"),
        "name: exp\ndefaults: {epochs: 1}\nmatrix:\n  architecture: [baseline-cnn]\n");

    Cli.Result r = Cli.run(work, "run", experiment.toString(), "--out", "out");

    assertOneLineError(r, "error: plugin jar " + jar + ": plugin class ext.Locked could not be instantiated (caused by"
        + " IllegalStateException: licence key missing)" + REMEDY);
    assertFalse(Files.exists(work.resolve("out")), "nothing trained, no results directory");
  }

  @Test
  void aJarListingAClassItDoesNotHold() throws IOException {
    Path jar = plugin("typo.jar", "ext.Present", "present", "", "ext.Absent");

    Cli.Result r = Cli.run(work, "describe", "present");

    assertOneLineError(r, "error: plugin jar " + jar + ": plugin class ext.Absent not found" + REMEDY);
  }

  /** Exit code 2, nothing on standard output, and exactly {@code expected} on standard error. */
  private static void assertOneLineError(Cli.Result r, String expected) {
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of(expected), r.err().lines().toList(), "one line and no stack trace");
    assertEquals("", r.out());
  }

  /**
   * A jar in {@code ./plugins.d} with one plugin class {@code className}, whose name is {@code pluginName} and whose
   * constructor runs {@code constructorBody}; the services file lists the class and {@code extraServiceEntries}.
   */
  private Path plugin(String jarName, String className, String pluginName, String constructorBody,
      String... extraServiceEntries) throws IOException {
    String pkg = className.substring(0, className.lastIndexOf('.'));
    String simple = className.substring(className.lastIndexOf('.') + 1);
    String source = """
        package %s;

        import dev.convbench.graph.Network;
        import dev.convbench.spi.ArchitecturePlugin;
        import dev.convbench.spi.HyperParameters;
        import org.tensorflow.Operand;
        import org.tensorflow.types.TFloat32;

        public final class %s implements ArchitecturePlugin {
          public %s() { %s }
          public String name() { return "%s"; }
          public String description() { return "built by a convbench test"; }
          public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
            throw new UnsupportedOperationException("test plugin");
          }
        }
        """.formatted(pkg, simple, simple, constructorBody, pluginName);
    Path build = Files.createTempDirectory(work, "build-");
    Path src = build.resolve("src").resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path classes = Files.createDirectories(build.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "--release", "17", "-proc:none", "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), src.toString()), "test plugin compiles");
    Path jar = Files.createDirectories(work.resolve("plugins.d")).resolve(jarName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry(SERVICE_FILE));
      out.write((className + "\n" + String.join("\n", extraServiceEntries) + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
