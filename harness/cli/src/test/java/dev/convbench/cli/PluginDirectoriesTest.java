package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without {@code --plugins}, the jars in the installation's {@code plugins.d} and in the per-user directory are found
 * whatever the working directory. A jar that is not a zip shows which directories were searched: its load error.
 */
class PluginDirectoriesTest {

  @TempDir
  Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int list(Map<String, String> env, Path workingDirectory, Path home) {
    return Main.execute(new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env, workingDirectory, false, home, "Linux",
        Clock.systemUTC()), "list");
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path notAJar(Path dir) throws IOException {
    return Files.writeString(Files.createDirectories(dir).resolve("broken.jar"), "not a zip");
  }

  @Test
  void theInstallationsPluginsDirectoryIsSearchedFromAnyWorkingDirectory() throws IOException {
    Path installation = work.resolve("convbench");
    Path jar = notAJar(installation.resolve("plugins.d"));
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));

    int code = list(Map.of("CONVBENCH_HOME", installation.toString()), elsewhere, work.resolve("home"));

    assertEquals(ExitCode.INVALID_INPUT, code);
    assertTrue(errors().startsWith("error: plugin jar " + jar + ": "), errors());
  }

  @Test
  void thePerUserPluginsDirectoryIsSearched() throws IOException {
    Path home = work.resolve("home");
    Path jar = notAJar(home.resolve(".config/convbench/plugins"));

    int code = list(Map.of(), Files.createDirectories(work.resolve("elsewhere")), home);

    assertEquals(ExitCode.INVALID_INPUT, code);
    assertTrue(errors().startsWith("error: plugin jar " + jar + ": "), errors());
  }

  @Test
  void missingDefaultDirectoriesAreFine() {
    int code = list(Map.of("CONVBENCH_HOME", work.resolve("convbench").toString()), work, work.resolve("home"));

    assertEquals(ExitCode.OK, code, errors());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("resnet"));
  }
}
