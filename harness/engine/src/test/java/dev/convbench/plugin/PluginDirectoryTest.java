package dev.convbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginDirectoryTest {

  private static final Path CWD = Path.of("/home/ada/bench");

  @Test
  void commandLineOptionWinsOverEnvironment() {
    Path dir = PluginDirectory.resolve(Path.of("/opt/plugins"), Map.of("CONVBENCH_PLUGINS", "/env/plugins"), CWD);

    assertEquals(Path.of("/opt/plugins"), dir);
  }

  @Test
  void environmentWinsOverDefault() {
    assertEquals(Path.of("/env/plugins"), PluginDirectory.resolve(null, Map.of("CONVBENCH_PLUGINS", "/env/plugins"),
        CWD));
  }

  @Test
  void defaultIsPluginsDotDInTheWorkingDirectory() {
    assertEquals(Path.of("/home/ada/bench/plugins.d"), PluginDirectory.resolve(null, Map.of(), CWD));
  }

  @Test
  void blankEnvironmentValueCountsAsUnset() {
    assertEquals(Path.of("/home/ada/bench/plugins.d"),
        PluginDirectory.resolve(null, Map.of("CONVBENCH_PLUGINS", " "), CWD));
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectory() {
    assertEquals(Path.of("/home/ada/extra"), PluginDirectory.resolve(Path.of("../extra"), Map.of(), CWD));
    assertEquals(Path.of("/home/ada/bench/my-plugins"),
        PluginDirectory.resolve(null, Map.of("CONVBENCH_PLUGINS", "my-plugins"), CWD));
  }
}
