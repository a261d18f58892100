package dev.convbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.convbench.results.Environment;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentDetectorTest {

  @Test
  void cpuModelIsTheFirstModelNameOfCpuinfo() {
    List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: GenuineIntel",
        "model name\t: Intel(R) Xeon(R) Platinum 8480+", "processor\t: 1", "model name\t: other");
    assertEquals(Optional.of("Intel(R) Xeon(R) Platinum 8480+"), EnvironmentDetector.cpuModel(cpuinfo));
  }

  @Test
  void cpuinfoWithoutModelNameGivesNothing() {
    assertEquals(Optional.empty(), EnvironmentDetector.cpuModel(List.of("processor\t: 0", "BogoMIPS\t: 50.00")));
  }

  @Test
  void describeDescribesThisMachineAndKeepsTheTrainersFacts() {
    Environment env = EnvironmentDetector.describe("2.18.0", "CPU", null, "auto");
    assertEquals("2.18.0", env.tensorflowVersion());
    assertEquals("CPU", env.device());
    assertEquals("auto", env.requestedDevice());
    assertNotNull(env.cpuModel());
    assertFalse(env.jvm().isBlank());
    assertFalse(env.os().isBlank());
  }
}
