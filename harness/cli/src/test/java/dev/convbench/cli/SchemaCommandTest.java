package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.experiment.ExperimentSchema;
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

/** {@code convbench schema} prints the schema kept beside the experiment files, or writes it with {@code --out}. */
class SchemaCommandTest {

  private static final Path KEPT = Path.of("../../experiments", ExperimentSchema.FILE_NAME);

  @TempDir
  Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** Runs convbench with the built-in architectures only: no plugin directory exists in {@code work}. */
  private int convbench(String... args) {
    return Main.execute(new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), work, false, work.resolve("home"), "Linux",
        Clock.systemUTC()), args);
  }

  /**
   * The kept schema is what {@code convbench schema} prints with the built-in architectures; run with
   * {@code -Dconvbench.writeSchema=true} to write it after changing what the loader accepts.
   */
  @Test
  void theKeptSchemaIsWhatTheCommandPrints() throws IOException {
    assertEquals(ExitCode.OK, convbench("schema"), err.toString(StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    if (Boolean.getBoolean("convbench.writeSchema")) {
      Files.writeString(KEPT, printed);
    }
    assertEquals(printed, Files.readString(KEPT), "experiments/" + ExperimentSchema.FILE_NAME + " differs from"
        + " what convbench schema prints; regenerate it: ./mvnw -pl harness/spi,harness/results,harness/analysis,"
        + "harness/engine,plugins,harness/cli test -Dtest=SchemaCommandTest -Dconvbench.writeSchema=true");
    assertTrue(printed.contains("\"resnet.depth\""), "the built-in architectures' hyper-parameters are matrix keys");
  }

  @Test
  void outWritesTheSchemaToAFile() throws IOException {
    assertEquals(ExitCode.OK, convbench("schema", "--out", "schema.json"));

    assertEquals(Files.readString(KEPT), Files.readString(work.resolve("schema.json")));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertEquals("wrote " + work.resolve("schema.json") + "\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnwritableOutIsInvalidInput() {
    assertEquals(ExitCode.INVALID_INPUT, convbench("schema", "--out", "missing/schema.json"));

    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: --out " + work.resolve("missing/schema.json")
        + ": cannot write it"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingPluginsDirectoryIsInvalidInput() {
    assertEquals(ExitCode.INVALID_INPUT, convbench("schema", "--plugins", "nowhere"));

    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: --plugins " + work.resolve("nowhere")
        + ": no such directory"), err.toString(StandardCharsets.UTF_8));
  }
}
