package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin written and packaged outside the repository, as a user would: compiled against the plugin API alone (the
 * SPI jar and TensorFlow Java's core API, not the engine), jarred with its service file, dropped into a plugin
 * directory. It shows up in {@code list} and trains.
 */
class ExternalPluginJarTest {

  @TempDir
  Path work;

  static final String SOURCE = """
      package example;

      import static dev.convbench.graph.Layers.*;

      import dev.convbench.graph.Network;
      import dev.convbench.spi.ArchitecturePlugin;
      import dev.convbench.spi.HyperParameter;
      import dev.convbench.spi.HyperParameters;
      import java.util.List;
      import org.tensorflow.Operand;
      import org.tensorflow.types.TFloat32;

      public final class TinyMlp implements ArchitecturePlugin {
        public String name() { return "tiny-mlp"; }
        public String description() { return "two dense layers, from a jar"; }
        public List<HyperParameter> hyperParameters() {
          return List.of(HyperParameter.integer("hidden", 32, "hidden units").range(1, 4096));
        }
        public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters p) {
          return net.apply(images, flatten(), dense(p.getInt("hidden")), relu(), dense(net.classes()));
        }
      }
      """;

  @Test
  void jarPluginIsListedAndTrains() throws IOException {
    Path plugins = buildPluginJar(work.resolve("plugins.d"));

    Cli.Result list = Cli.run(work, "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("tiny-mlp"), "./plugins.d is the default plugin directory: " + list.out());
    assertTrue(list.out().contains("98,666"), "3072·32+32 + 32·10+10 parameters: " + list.out());
    assertTrue(list.out().contains("jar:" + plugins.resolve("tiny-mlp.jar")), list.out());

    Path data = CifarFiles.write(work.resolve("cifar"), 30, 9);
    Path file = work.resolve("jar.yaml");
    Files.writeString(file, "name: jar\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 1, batch-size: 30}\n"
        + "architectures:\n  tiny-mlp: {hidden: 16}\n"
        + "matrix:\n  architecture: [tiny-mlp]\n");
    Cli.Result run = Cli.run(work, "run", file.toString(), "--out", work.resolve("out").toString(), "--no-report");
    assertEquals(0, run.exitCode(), run.err());
    try (Stream<Path> runs = Files.list(work.resolve("out"))) {
      Path runDir = runs.filter(p -> Files.exists(p.resolve("run.json"))).findFirst().orElseThrow();
      String json = Files.readString(runDir.resolve("run.json"));
      assertTrue(json.contains("\"completed\""), json);
      assertTrue(json.contains("tiny-mlp.jar"), "the run records the plugin's origin: " + json);
      assertTrue(json.contains("49338"), "hidden: 16 → 3072·16+16 + 16·10+10 parameters: " + json);
    }
  }

  /** The test classpath's plugin API and what it brings (TensorFlow's core API), without the engine. */
  static String pluginApiClasspath() {
    List<String> entries = java.util.Arrays.stream(System.getProperty("java.class.path")
        .split(java.io.File.pathSeparator)).filter(e -> e.contains("convbench-spi")
            || e.replace('\\', '/').contains("harness/spi/target") || e.contains("tensorflow-core-api")
            || e.contains("ndarray") || e.matches(".*tensorflow-core-native-[0-9.]+\\.jar")
            || e.contains("protobuf") || e.contains("javacpp")).toList();
    // The engine's own path, not any path with "engine" in it: a checkout's directory may be named so.
    assertTrue(entries.stream().noneMatch(e -> e.replace('\\', '/').contains("harness/engine/")
        || e.contains("convbench-harness")), entries::toString);
    return String.join(java.io.File.pathSeparator, entries);
  }

  private Path buildPluginJar(Path pluginDir) throws IOException {
    Path src = work.resolve("src/example/TinyMlp.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", pluginApiClasspath(), src.toString());
    assertEquals(0, rc, "plugin source compiles against the plugin API alone");
    Files.createDirectories(pluginDir);
    Path jar = pluginDir.resolve("tiny-mlp.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/dev.convbench.spi.ArchitecturePlugin"));
      out.write("example.TinyMlp\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return pluginDir;
  }

}
