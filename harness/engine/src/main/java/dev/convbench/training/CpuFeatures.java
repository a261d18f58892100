package dev.convbench.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CPU features that decide how fast training runs on the CPU, as {@code convbench doctor} shows them. */
public final class CpuFeatures {

  private CpuFeatures() {}

  /** Linux's flag name → the name Intel and AMD use: AVX-512 for oneDNN's fast kernels, the rest for bfloat16. */
  private static final List<Map.Entry<String, String>> SHOWN = List.of(Map.entry("avx512f", "AVX-512 F"),
      Map.entry("avx512_bf16", "AVX512_BF16"), Map.entry("amx_bf16", "AMX_BF16"), Map.entry("amx_tile", "AMX_TILE"));

  /** Each shown feature's name → whether {@code hardware}'s CPU has it, in a fixed order. */
  public static Map<String, Boolean> of(Hardware hardware) {
    Map<String, Boolean> present = new LinkedHashMap<>();
    for (Map.Entry<String, String> feature : SHOWN) {
      present.put(feature.getValue(), hardware.cpuFlags().contains(feature.getKey()));
    }
    return present;
  }

  /** {@code AVX-512 F yes, AVX512_BF16 no, AMX_BF16 no, AMX_TILE no}, or a note when the flags are unknown. */
  public static String describe(Hardware hardware) {
    if (hardware.cpuFlags().isEmpty()) {
      return "features unknown (no /proc/cpuinfo flags)";
    }
    StringBuilder text = new StringBuilder();
    of(hardware).forEach((name, present) -> text.append(text.isEmpty() ? "" : ", ").append(name)
        .append(present ? " yes" : " no"));
    return text.toString();
  }
}
