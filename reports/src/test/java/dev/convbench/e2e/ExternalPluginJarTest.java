package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A plugin written and packaged outside the repository, as a user would: the README's complete plugin example,
 * compiled against the plugin API alone (the SPI jar and TensorFlow Java's core API, not the engine), jarred with its
 * service file, dropped into a plugin directory. It shows up in {@code list} and trains.
 */
class ExternalPluginJarTest {

  @TempDir
  Path work;

  /** The first Java block of the README's section on writing a plugin: what a plugin author copies. */
  static String readmeExample() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int section = readme.indexOf("## Writing an architecture plugin");
    assertTrue(section >= 0, "the README has a section on writing a plugin");
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    return readme.substring(start, readme.indexOf("```", start));
  }

  @Test
  void jarPluginIsListedAndTrains() throws IOException {
    Path plugins = buildPluginJar(work.resolve("plugins.d"));

    Cli.Result list = Cli.run(work, "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("small-convnet"), "./plugins.d is the default plugin directory: " + list.out());
    assertTrue(list.out().contains("20,138"), "width 32: 3·9·32 + 2·32 + 32·9·64 + 2·64 + 64·10+10 parameters: "
        + list.out());
    assertTrue(list.out().contains("jar:" + plugins.resolve("small-convnet.jar")), list.out());

    Path data = CifarFiles.write(work.resolve("cifar"), 30, 9);
    Path file = work.resolve("jar.yaml");
    Files.writeString(file, "name: jar\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 1, batch-size: 30}\n"
        + "architectures:\n  small-convnet: {width: 16}\n"
        + "matrix:\n  architecture: [small-convnet]\n");
    Cli.Result run = Cli.run(work, "run", file.toString(), "--out", work.resolve("out").toString(), "--no-report");
    assertEquals(0, run.exitCode(), run.err());
    try (Stream<Path> runs = Files.list(work.resolve("out"))) {
      Path runDir = runs.filter(p -> Files.exists(p.resolve("run.json"))).findFirst().orElseThrow();
      String json = Files.readString(runDir.resolve("run.json"));
      assertTrue(json.contains("\"completed\""), json);
      assertTrue(json.contains("small-convnet.jar"), "the run records the plugin's origin: " + json);
      assertTrue(json.contains("5466"), "width 16: 3·9·16 + 2·16 + 16·9·32 + 2·32 + 32·10+10 parameters: " + json);
    }
  }

  /** The schema editors check experiment files with knows the jar's architecture and its hyper-parameters. */
  @Test
  void schemaHasAJarPluginsHyperParameters() throws IOException {
    Path plugins = buildPluginJar(work.resolve("jars"));

    Cli.Result schema = Cli.run(work, "schema", "--plugins", plugins.toString());

    assertEquals(0, schema.exitCode(), schema.err());
    JsonNode root = new ObjectMapper().readTree(schema.out());
    JsonNode width = root.get("$defs").get("hyper-parameter.small-convnet.width");
    assertEquals("channels of the first stage; the second has twice as many (integer)", width.get("description").asText(),
        width.toString());
    assertEquals(32, width.get("default").asInt(), width.toString());
    assertEquals(4, width.at("/anyOf/0/minimum").asInt(), width.toString());
    assertEquals(512, width.at("/anyOf/0/maximum").asInt(), width.toString());
    assertEquals("#/$defs/hyper-parameter.small-convnet.width",
        root.at("/properties/architectures/properties/small-convnet/properties/width/$ref").asText());
    assertEquals("#/$defs/hyper-parameter.small-convnet.width",
        root.at("/properties/matrix/properties/small-convnet.width/anyOf/1/$ref").asText());
    assertTrue(root.at("/$defs/architecture/enum").toString().contains("\"small-convnet\""),
        root.at("/$defs/architecture").toString());
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
    Path src = work.resolve("src/example/SmallConvNet.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, readmeExample());
    Path classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", pluginApiClasspath(), src.toString());
    assertEquals(0, rc, "plugin source compiles against the plugin API alone");
    Files.createDirectories(pluginDir);
    Path jar = pluginDir.resolve("small-convnet.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("META-INF/services/dev.convbench.spi.ArchitecturePlugin"));
      out.write("example.SmallConvNet\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return pluginDir;
  }

}
