package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convbench.training.CudaLibraries;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import dev.convbench.training.GpuReadiness;
import dev.convbench.training.NativeBuild;
import dev.convbench.training.NvidiaDriver;
import dev.convbench.training.SharedLibraryLocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convbench doctor} on this project's machines: the CPU build of TensorFlow, no GPU. */
class DoctorCommandTest {

  record Result(int exitCode, String out, String err) {}

  @TempDir
  Path work;

  @BeforeAll
  static void theTestsRunWithTheCpuBuild() {
    assumeFalse(NativeBuild.loaded().gpuBuild(), "these tests describe the CPU build of TensorFlow");
  }

  private Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Main.execute(new CommandContext(o, e, env, work, false), args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aCpuOnlyMachineCanTrainAndDoctorSaysWhichNativeIsLoaded() {
    Result r = run(Map.of(), "doctor");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("TensorFlow           2.16.2, CPU build: "), lines.get(0));
    assertTrue(lines.get(0).endsWith("/linux-x86_64/libjnitensorflow.so"), lines.get(0));
    assertTrue(lines.contains("GPUs TensorFlow sees none (the CPU build has no GPU support)"), r.out());
    assertTrue(lines.contains("device: auto         CPU, because:"), r.out());
    assertTrue(lines.contains("                     - the CPU build of TensorFlow is loaded: build with -Pgpu "
        + "(./convbench: CONVBENCH_GPU=1)"), r.out());
    assertEquals("can train            yes, on the CPU (a machine without a usable GPU trains on its CPU, more "
        + "slowly)", lines.get(lines.size() - 1));
    for (String soname : CudaLibraries.REQUIRED) {
      assertTrue(r.out().contains("  " + soname), soname);
    }
  }

  @Test
  void askingForAGpuOnTheCpuBuildExitsTwoWithTheReasonInOneLine() {
    Result r = run(Map.of(), "doctor", "--device", "gpu");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: device gpu asked for, but TensorFlow cannot use a GPU here: the CPU build "
        + "of TensorFlow is loaded: build with -Pgpu (./convbench: CONVBENCH_GPU=1)"), r.err());
    assertTrue(r.out().contains("can train            no: device gpu asks for a GPU and TensorFlow can use none "
        + "here (exit code 2)"), r.out());
  }

  @Test
  void deviceCpuCanAlwaysTrain() {
    Result r = run(Map.of(), "doctor", "--device", "cpu");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("device: cpu          CPU\n"), r.out());
  }

  @Test
  void aBadDeviceIsRefused() {
    Result r = run(Map.of(), "doctor", "--device", "gpu1");
    assertEquals(2, r.exitCode());
    assertEquals("error: --device expects auto, cpu, gpu or gpu:N (N a GPU number from 0), not 'gpu1'\n", r.err());
  }

  @Test
  void theJsonReportFindsLibrariesOnLdLibraryPath() throws IOException {
    Path cuda = Files.createDirectories(work.resolve("cuda/lib64"));
    Files.writeString(cuda.resolve("libcudart.so.12"), "fake");
    Files.writeString(cuda.resolve("libcublas.so.12"), "fake");
    Result r = run(Map.of("LD_LIBRARY_PATH", "/nonexistent:" + cuda), "doctor", "--json", "--device", "gpu:0");
    assertEquals(2, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("2.16.2", json.path("tensorflowVersion").asText());
    assertEquals("cpu", json.path("nativeBuild").asText());
    assertEquals("gpu:0", json.path("requestedDevice").asText());
    assertFalse(json.path("canTrain").asBoolean());
    JsonNode libraries = json.path("cudaLibraries");
    assertEquals(CudaLibraries.REQUIRED.size(), libraries.size());
    assertEquals("libcudart.so.12", libraries.get(0).path("soname").asText());
    assertTrue(libraries.get(0).path("found").asBoolean());
    assertEquals(cuda.resolve("libcudart.so.12").toString(), libraries.get(0).path("path").asText());
    assertTrue(libraries.get(1).path("found").asBoolean());
    assertFalse(libraries.get(2).path("found").asBoolean());
    String problem = json.path("problem").asText();
    assertFalse(problem.contains("libcudart.so.12"), problem);
    assertTrue(problem.contains("libcublasLt.so.12, libcufft.so.11"), problem);
    assertEquals(Set.of("AVX-512 F", "AVX512_BF16", "AMX_BF16", "AMX_TILE"),
        Set.copyOf(iterable(json.path("cpu").path("features").fieldNames())));
  }

  @Test
  void theReportOfAMachineWithAReadyGpuChoosesItAndFp16() {
    GpuReadiness ready = new GpuReadiness(new NativeBuild(true, "gpu/libjnitensorflow.so"),
        new NvidiaDriver(new SharedLibraryLocator.Lookup(CudaLibraries.DRIVER, SharedLibraryLocator.Source.LOADER_CACHE,
            Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1")), null, true,
            List.of(new NvidiaDriver.PhysicalGpu(0, "NVIDIA L4", "8.9"))),
        CudaLibraries.REQUIRED.stream().map(n -> new SharedLibraryLocator.Lookup(n,
            SharedLibraryLocator.Source.LOADER_CACHE, Path.of("/usr/local/cuda/lib64", n))).toList(),
        List.of(new Devices.TensorFlowDevice("/device:GPU:0", "GPU", 20_000_000_000L)), null);
    DoctorCommand.Report gpu = DoctorCommand.report("2.16.2", ready, Set.of("avx512f"), "Some CPU", 8,
        DeviceSetting.ANY_GPU);
    assertTrue(gpu.canTrain());
    assertNull(gpu.problem());
    assertEquals("GPU", gpu.device());
    assertEquals("fp16", gpu.precisionAuto());
    DoctorCommand.Report cpu = DoctorCommand.report("2.16.2", ready, Set.of("avx512f", "avx512_bf16"), "Some CPU", 8,
        DeviceSetting.CPU);
    assertEquals("CPU", cpu.device());
    assertEquals("bf16", cpu.precisionAuto());
    DoctorCommand.Report missing = DoctorCommand.report("2.16.2", ready, Set.of(), "Some CPU", 8,
        DeviceSetting.gpu(1));
    assertFalse(missing.canTrain());
    assertEquals("device gpu:1 asked for, but TensorFlow cannot use a GPU here: TensorFlow sees 1 GPU(s), numbered "
        + "from 0: there is no GPU 1", missing.problem());
  }

  private static <T> List<T> iterable(java.util.Iterator<T> items) {
    List<T> list = new java.util.ArrayList<>();
    items.forEachRemaining(list::add);
    return list;
  }
}
