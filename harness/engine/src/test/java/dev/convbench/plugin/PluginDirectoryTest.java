package dev.convbench.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginDirectoryTest {

  private static final Path CWD = Path.of("/home/ada/bench");
  private static final Path HOME = Path.of("/home/ada");
  private static final Path PER_USER = Path.of("/home/ada/.config/convbench/plugins");

  @Test
  void commandLineOptionWinsOverEnvironment() {
    List<Path> dirs = PluginDirectory.directories(Path.of("/opt/plugins"),
        Map.of("CONVBENCH_PLUGINS", "/env/plugins"), CWD, HOME);

    assertEquals(List.of(Path.of("/opt/plugins")), dirs);
  }

  @Test
  void environmentWinsOverDefaults() {
    assertEquals(List.of(Path.of("/env/plugins")),
        PluginDirectory.directories(null, Map.of("CONVBENCH_PLUGINS", "/env/plugins"), CWD, HOME));
  }

  @Test
  void defaultsArePluginsDotDInTheInstallationTheLauncherNamesAndThePerUserDirectory() {
    assertEquals(List.of(Path.of("/opt/convbench/plugins.d"), PER_USER),
        PluginDirectory.directories(null, Map.of("CONVBENCH_HOME", "/opt/convbench"), CWD, HOME));
  }

  @Test
  void withoutTheLauncherTheWorkingDirectoryStandsForTheInstallation() {
    assertEquals(List.of(Path.of("/home/ada/bench/plugins.d"), PER_USER),
        PluginDirectory.directories(null, Map.of(), CWD, HOME));
  }

  @Test
  void blankEnvironmentValuesCountAsUnset() {
    assertEquals(List.of(Path.of("/home/ada/bench/plugins.d"), PER_USER),
        PluginDirectory.directories(null, Map.of("CONVBENCH_PLUGINS", " ", "CONVBENCH_HOME", ""), CWD, HOME));
  }

  @Test
  void relativePathsAreResolvedAgainstTheWorkingDirectory() {
    assertEquals(List.of(Path.of("/home/ada/extra")),
        PluginDirectory.directories(Path.of("../extra"), Map.of(), CWD, HOME));
    assertEquals(List.of(Path.of("/home/ada/bench/my-plugins")),
        PluginDirectory.directories(null, Map.of("CONVBENCH_PLUGINS", "my-plugins"), CWD, HOME));
  }
}
