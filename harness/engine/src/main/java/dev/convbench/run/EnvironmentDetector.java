package dev.convbench.run;

import dev.convbench.results.Environment;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes the machine a run executes on, for each device setting once per process: finding out whether a GPU
 * is used means creating a TensorFlow session configured as the runs' sessions are.
 */
@Singleton
public final class EnvironmentDetector {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  private final Map<DeviceSetting, Environment> detected = new HashMap<>();

  /** The environment of runs whose sessions compute with {@code device}. */
  public synchronized Environment of(DeviceSetting device) {
    return detected.computeIfAbsent(device, d -> {
      String used = Devices.detect(d);
      return describe(Devices.tensorFlowVersion(), used, used.equals("GPU") ? Devices.gpuModel(d) : null,
          d.toString());
    });
  }

  /**
   * Describes this machine: the JVM, the operating system and the CPU, with the TensorFlow facts the caller found.
   *
   * @param tensorflowVersion TensorFlow version
   * @param device device the run uses ({@code CPU} or the GPU's name)
   * @param gpuModel GPU model, or {@code null} when there is none
   * @param requestedDevice the {@code device} setting asked for, e.g. {@code auto}
   */
  public static Environment describe(String tensorflowVersion, String device, String gpuModel,
      String requestedDevice) {
    String jvm = System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.runtime.version",
        System.getProperty("java.version", "?"));
    String os = System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "") + " ("
        + System.getProperty("os.arch", "?") + ")";
    return new Environment(tensorflowVersion, device, gpuModel, jvm, os, detectCpuModel(),
        Runtime.getRuntime().availableProcessors(), requestedDevice);
  }

  private static String detectCpuModel() {
    String fallback = System.getProperty("os.arch", "unknown");
    if (!Files.isReadable(CPUINFO)) {
      return fallback;
    }
    try {
      return cpuModel(Files.readAllLines(CPUINFO)).orElse(fallback);
    } catch (IOException | RuntimeException e) {
      // The CPU model is informative only: never fail a run over it.
      return fallback;
    }
  }

  /** The first {@code model name} value of {@code /proc/cpuinfo}-formatted lines (ARM kernels may lack it). */
  static Optional<String> cpuModel(List<String> cpuinfoLines) {
    for (String line : cpuinfoLines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
        String value = line.substring(colon + 1).trim();
        if (!value.isEmpty()) {
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }
}
