package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.convbench.training.DeviceSetting;
import dev.convbench.training.NativeBuild;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code --device} over the file's {@code device:}, and runs refused before anything happens without the GPU. */
class DeviceOptionsTest {

  @Command(name = "placed")
  static final class PlacedCommand {
    @Mixin
    DeviceOptions options;
  }

  /** A built-in architecture (from convbench-plugins on the test classpath); nothing is trained with it. */
  private static final String ARCHITECTURE = "baseline-cnn";

  @TempDir
  Path work;

  private static DeviceSetting resolve(DeviceSetting fromFile, String... args) {
    PlacedCommand command = new PlacedCommand();
    new CommandLine(command).parseArgs(args);
    return command.options.resolve(fromFile);
  }

  @Test
  void theCommandLineOverridesTheFile() {
    assertEquals(DeviceSetting.CPU, resolve(DeviceSetting.ANY_GPU, "--device", "cpu"));
    assertEquals(DeviceSetting.gpu(2), resolve(DeviceSetting.AUTO, "--device", "gpu:2"));
    assertEquals(DeviceSetting.gpu(1), resolve(DeviceSetting.gpu(1)));
    assertEquals(DeviceSetting.AUTO, resolve(DeviceSetting.AUTO));
    assertEquals("--device expects auto, cpu, gpu or gpu:N (N a GPU number from 0), not 'GPU'",
        assertThrows(UserInputException.class, () -> resolve(DeviceSetting.AUTO, "--device", "GPU")).getMessage());
  }

  private record Result(int exitCode, String err) {}

  private Result cli(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Main.execute(new CommandContext(System.out, e, Map.of(), work, false), args);
      return new Result(code, err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aRunThatAsksForAGpuIsRefusedBeforeItTouchesAnything() throws IOException {
    assumeFalse(NativeBuild.loaded().gpuBuild(), "on the CPU build no GPU can be used");
    Files.writeString(work.resolve("gpu.yaml"), "name: gpu-only\ndevice: gpu\narchitecture: "
        + ARCHITECTURE + "\n");
    for (String command : new String[] {"run", "worker"}) {
      Result r = cli(command, "gpu.yaml", "--out", "results");
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().startsWith("error: device gpu asked for, but TensorFlow cannot use a GPU here: the CPU "
          + "build of TensorFlow is loaded"), r.err());
      assertTrue(r.err().endsWith("Nothing was trained; 'convbench doctor --device gpu' shows what was found.\n"),
          r.err());
      assertFalse(Files.exists(work.resolve("results")), command + " created the results directory");
    }
    // --device overrides the file's device: the refusal names what the command line asked for.
    Result r = cli("run", "gpu.yaml", "--out", "results", "--device", "gpu:0");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("error: device gpu:0 asked for"), r.err());
  }

  @Test
  void benchRefusesAGpuItCannotUse() {
    assumeFalse(NativeBuild.loaded().gpuBuild(), "on the CPU build no GPU can be used");
    Result r = cli("bench", ARCHITECTURE, "--device", "gpu:1");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: device gpu:1 asked for, but TensorFlow cannot use a GPU here: "), r.err());
  }
}
