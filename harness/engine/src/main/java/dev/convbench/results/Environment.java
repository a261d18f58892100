package dev.convbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine and software a run executed on, stored in {@code run.json} so results from different machines can be
 * told apart.
 *
 * @param tensorflowVersion TensorFlow version as reported by the native library, e.g. {@code 2.18.0}
 * @param device the device the graph ran on, e.g. {@code CPU} or a GPU name
 * @param gpuModel the GPU model when one was used or visible, else {@code null}
 * @param jvm JVM vendor and version, e.g. {@code Eclipse Adoptium 17.0.15+6}
 * @param os operating system name, version and architecture
 * @param cpuModel CPU model ({@code model name} of {@code /proc/cpuinfo} on Linux, else {@code os.arch})
 * @param availableProcessors logical processors visible to the JVM
 * @param requestedDevice the {@code device} setting the run was started with ({@code auto}, {@code cpu},
 *     {@code gpu}, {@code gpu:1}); null in results written before the setting existed
 */
public record Environment(String tensorflowVersion, String device, String gpuModel, String jvm, String os,
    String cpuModel, int availableProcessors, String requestedDevice) {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  /**
   * Describes this machine. TensorFlow facts come from the caller because this package must not depend on
   * TensorFlow classes.
   *
   * @param tensorflowVersion TensorFlow version
   * @param device device the run uses ({@code CPU} or the GPU's name)
   * @param gpuModel GPU model, or {@code null} when there is none
   * @param requestedDevice the {@code device} setting asked for, e.g. {@code auto}
   */
  public static Environment detect(String tensorflowVersion, String device, String gpuModel,
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
