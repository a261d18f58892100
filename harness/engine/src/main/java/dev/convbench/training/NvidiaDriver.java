package dev.convbench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA driver as a program sees it: its user-space library ({@code libcuda.so.1}, what CUDA calls), the kernel
 * module's version ({@code /proc/driver/nvidia/version}) and the GPUs {@code nvidia-smi} lists.
 *
 * @param library {@code libcuda.so.1} as the dynamic loader finds it
 * @param kernelModule the first line of {@code /proc/driver/nvidia/version}, or null without the kernel module
 * @param nvidiaSmi whether {@code nvidia-smi} ran
 * @param gpus the GPUs {@code nvidia-smi} lists, in its numbering (which ignores {@code CUDA_VISIBLE_DEVICES})
 */
public record NvidiaDriver(SharedLibraryLocator.Lookup library, String kernelModule, boolean nvidiaSmi,
    List<PhysicalGpu> gpus) {

  /**
   * One GPU as the driver describes it.
   *
   * @param index {@code nvidia-smi}'s number
   * @param name e.g. {@code NVIDIA A100-SXM4-40GB}
   * @param computeCapability e.g. {@code 8.0}; null when the driver is too old to say
   */
  public record PhysicalGpu(int index, String name, String computeCapability) {
    /** {@code major * 10 + minor} as {@link Hardware} wants it, 0 when unknown. */
    public int computeCapabilityNumber() {
      if (computeCapability == null) {
        return 0;
      }
      String[] parts = computeCapability.split("\\.");
      try {
        return Integer.parseInt(parts[0]) * 10 + (parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  private static final Path KERNEL_MODULE_VERSION = Path.of("/proc/driver/nvidia/version");

  public NvidiaDriver {
    gpus = List.copyOf(gpus);
  }

  /** Whether a program could reach a GPU through this driver: its library is found. */
  public boolean usable() {
    return library.found();
  }

  /** This machine's driver, {@code libcuda.so.1} looked up with {@code locator}. */
  public static NvidiaDriver detect(SharedLibraryLocator locator) {
    String module = null;
    try {
      if (Files.isReadable(KERNEL_MODULE_VERSION)) {
        module = Files.readAllLines(KERNEL_MODULE_VERSION).stream().findFirst().map(String::strip).orElse(null);
      }
    } catch (IOException | RuntimeException e) {
      // Informative only.
    }
    Optional<List<PhysicalGpu>> gpus = listGpus();
    return new NvidiaDriver(locator.find(CudaLibraries.DRIVER), module, gpus.isPresent(), gpus.orElse(List.of()));
  }

  /** The GPUs {@code nvidia-smi} lists, or empty when it cannot be run. */
  public static Optional<List<PhysicalGpu>> listGpus() {
    Optional<List<String>> smi = nvidiaSmi("--query-gpu=index,name,compute_cap", "--format=csv,noheader");
    if (smi.isEmpty()) {
      // Drivers before 510 do not know compute_cap.
      smi = nvidiaSmi("--query-gpu=index,name", "--format=csv,noheader");
    }
    return smi.map(NvidiaDriver::parseGpus);
  }

  /** The GPUs of {@code nvidia-smi --query-gpu=index,name[,compute_cap] --format=csv,noheader} output. */
  static List<PhysicalGpu> parseGpus(List<String> lines) {
    List<PhysicalGpu> gpus = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.split(",");
      if (fields.length < 2) {
        continue;
      }
      try {
        int index = Integer.parseInt(fields[0].strip());
        String capability = fields.length > 2 && fields[2].strip().matches("\\d+\\.\\d+") ? fields[2].strip() : null;
        gpus.add(new PhysicalGpu(index, fields[1].strip(), capability));
      } catch (NumberFormatException e) {
        // A warning line rather than a GPU.
      }
    }
    return gpus;
  }

  private static Optional<List<String>> nvidiaSmi(String... arguments) {
    List<String> command = new ArrayList<>(List.of("nvidia-smi"));
    command.addAll(List.of(arguments));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      List<String> lines = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? Optional.of(lines) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
