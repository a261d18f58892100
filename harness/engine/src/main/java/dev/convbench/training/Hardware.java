package dev.convbench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the machine offers TensorFlow: the CPU's instruction-set flags that decide how fast 16-bit formats run, and
 * whether runs use a GPU and of which generation. Decides {@link Precision#AUTO}.
 *
 * @param cpuFlags the CPU's feature flags as Linux names them ({@code avx512f}, {@code avx512_bf16},
 *     {@code amx_bf16}, ...); empty when unknown
 * @param usesGpu whether runs execute on a GPU
 * @param gpuComputeCapability the GPU's compute capability as {@code major * 10 + minor} (e.g. 86), 0 when unknown
 *     or without a GPU
 */
public record Hardware(Set<String> cpuFlags, boolean usesGpu, int gpuComputeCapability) {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  public Hardware {
    cpuFlags = Set.copyOf(cpuFlags);
  }

  /** A CPU-only machine with these flags. */
  public static Hardware cpu(String... flags) {
    return new Hardware(Set.of(flags), false, 0);
  }

  /** The CPU flags of this machine ({@code /proc/cpuinfo}; empty elsewhere) with the given GPU facts. */
  public static Hardware detect(boolean usesGpu, int gpuComputeCapability) {
    return new Hardware(cpuFlagsOfThisMachine(), usesGpu, gpuComputeCapability);
  }

  /** Whether bfloat16 arithmetic runs natively: AVX512_BF16 or AMX's bf16 tiles. */
  public boolean cpuHasBf16() {
    return cpuFlags.contains("avx512_bf16") || cpuFlags.contains("amx_bf16");
  }

  /** The bf16-relevant features present, for messages: e.g. {@code AVX512_BF16 and AMX_BF16}. */
  public String cpuBf16Features() {
    List<String> present = new ArrayList<>();
    for (String f : List.of("avx512_bf16", "amx_bf16")) {
      if (cpuFlags.contains(f)) {
        present.add(f.toUpperCase(java.util.Locale.ROOT));
      }
    }
    return present.isEmpty() ? "no bfloat16 instructions" : String.join(" and ", present);
  }

  /** Tensor cores arrived with compute capability 7.0 (Volta). */
  public boolean gpuHasTensorCores() {
    return usesGpu && gpuComputeCapability >= 70;
  }

  static Set<String> cpuFlagsOfThisMachine() {
    if (!Files.isReadable(CPUINFO)) {
      return Set.of();
    }
    try {
      return flagsOf(Files.readAllLines(CPUINFO));
    } catch (IOException | RuntimeException e) {
      // Informative only: an unreadable cpuinfo means fp32, never a failed run.
      return Set.of();
    }
  }

  /** The {@code flags} of the first processor in {@code /proc/cpuinfo}-formatted lines. */
  static Set<String> flagsOf(List<String> cpuinfoLines) {
    for (String line : cpuinfoLines) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
        return new TreeSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
      }
    }
    return Set.of();
  }
}
