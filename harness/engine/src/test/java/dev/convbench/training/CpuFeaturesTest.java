package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU line of {@code convbench doctor} and what precision auto makes of it, from fixed cpuinfo samples. */
class CpuFeaturesTest {

  private static List<String> cpuinfo(String flags) {
    return List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "model name\t: AMD EPYC 9B45",
        "flags\t\t: fpu vme sse sse2 avx avx2 " + flags, "", "processor\t: 1", "flags\t\t: fpu");
  }

  @Test
  void aCpuWithAvx512Bf16ShowsItAndAutoChoosesBf16() {
    Hardware zen5 = new Hardware(Hardware.flagsOf(cpuinfo("avx512f avx512bw avx512_bf16 avx512_vnni")), false, 0);
    assertEquals("AVX-512 F yes, AVX512_BF16 yes, AMX_BF16 no, AMX_TILE no", CpuFeatures.describe(zen5));
    assertEquals(Precision.BF16, Precision.AUTO.resolve(zen5));
    assertEquals("the CPU has AVX512_BF16", Precision.autoReason(zen5));
  }

  @Test
  void aCpuWithoutBf16InstructionsShowsTheirAbsenceAndAutoStaysFp32() {
    Hardware skylake = new Hardware(Hardware.flagsOf(cpuinfo("avx512f avx512bw avx512_vnni")), false, 0);
    assertEquals("AVX-512 F yes, AVX512_BF16 no, AMX_BF16 no, AMX_TILE no", CpuFeatures.describe(skylake));
    assertEquals(Precision.FP32, Precision.AUTO.resolve(skylake));
  }

  @Test
  void amxAloneIsEnoughForBf16() {
    Hardware sapphireRapids = new Hardware(Hardware.flagsOf(cpuinfo("avx512f amx_bf16 amx_tile amx_int8")), false,
        0);
    assertEquals("AVX-512 F yes, AVX512_BF16 no, AMX_BF16 yes, AMX_TILE yes", CpuFeatures.describe(sapphireRapids));
    assertEquals(Precision.BF16, Precision.AUTO.resolve(sapphireRapids));
  }

  @Test
  void unknownFlagsAreSaidToBeUnknown() {
    assertEquals("features unknown (no /proc/cpuinfo flags)", CpuFeatures.describe(Hardware.cpu()));
  }
}
