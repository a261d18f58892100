package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.training.SharedLibraryLocator.Lookup;
import dev.convbench.training.SharedLibraryLocator.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What keeps TensorFlow off a GPU, from made-up machines: the verdict logic of doctor and of --device gpu. */
class GpuReadinessTest {

  private static final NativeBuild CPU_BUILD = new NativeBuild(false, "/cache/linux-x86_64/libjnitensorflow.so");
  private static final NativeBuild GPU_BUILD = new NativeBuild(true, "/cache/linux-x86_64-gpu/libjnitensorflow.so");
  private static final Lookup NO_LIBCUDA = new Lookup(CudaLibraries.DRIVER, Source.NOT_FOUND, null);
  private static final NvidiaDriver NO_DRIVER = new NvidiaDriver(NO_LIBCUDA, null, false, List.of());
  private static final NvidiaDriver DRIVER = new NvidiaDriver(new Lookup(CudaLibraries.DRIVER,
      Source.LOADER_CACHE, Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1")),
      "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15", true,
      List.of(new NvidiaDriver.PhysicalGpu(0, "NVIDIA A10", "8.6")));
  private static final List<Devices.TensorFlowDevice> ONE_GPU = List.of(
      new Devices.TensorFlowDevice("/job:localhost/replica:0/task:0/device:GPU:0", "GPU", 22_000_000_000L));

  private static List<Lookup> librariesMissing(String... missing) {
    return CudaLibraries.REQUIRED.stream().map(name -> List.of(missing).contains(name)
        ? new Lookup(name, Source.NOT_FOUND, null)
        : new Lookup(name, Source.LD_LIBRARY_PATH, Path.of("/opt/cuda/lib64").resolve(name))).toList();
  }

  @Test
  void theCpuBuildComesFirstAndWhatTheGpuBuildWouldMissFollows() {
    GpuReadiness cpuOnly = new GpuReadiness(CPU_BUILD, NO_DRIVER,
        librariesMissing(CudaLibraries.REQUIRED.toArray(String[]::new)), List.of(), null);
    List<String> obstacles = cpuOnly.obstacles(DeviceSetting.ANY_GPU);
    assertEquals(3, obstacles.size(), obstacles.toString());
    assertEquals("the CPU build of TensorFlow is loaded: build with -Pgpu (./convbench: CONVBENCH_GPU=1)",
        obstacles.get(0));
    assertEquals("the GPU build would also need an NVIDIA driver: libcuda.so.1 not found, no "
        + "/proc/driver/nvidia/version", obstacles.get(1));
    for (String soname : CudaLibraries.REQUIRED) {
      assertTrue(obstacles.get(2).contains(soname), soname);
    }
    assertEquals(Optional.of(String.join("; ", obstacles)), cpuOnly.whyNoGpu(DeviceSetting.gpu(0)));
    assertTrue(cpuOnly.autoChoice().startsWith("CPU: the CPU build of TensorFlow is loaded"), cpuOnly.autoChoice());
  }

  @Test
  void theGpuBuildNamesExactlyTheLibrariesItCannotOpen() {
    GpuReadiness noCudnn = new GpuReadiness(GPU_BUILD, DRIVER, librariesMissing("libcudnn.so.8", "libcufft.so.11"),
        List.of(), null);
    assertEquals(List.of("the GPU build of TensorFlow is loaded but falls back to the CPU",
        "CUDA libraries not found: libcufft.so.11, libcudnn.so.8 (install CUDA 12 and cuDNN 8 for CUDA 12, or add "
            + "their directory to LD_LIBRARY_PATH)"), noCudnn.obstacles(DeviceSetting.ANY_GPU));
  }

  @Test
  void aMissingDriverIsNamedEvenWithEveryLibraryInstalled() {
    GpuReadiness noDriver = new GpuReadiness(GPU_BUILD, new NvidiaDriver(NO_LIBCUDA,
        "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15", false, List.of()), librariesMissing(),
        List.of(), null);
    assertEquals(List.of("the GPU build of TensorFlow is loaded but falls back to the CPU",
        "no NVIDIA driver: libcuda.so.1 not found"), noDriver.obstacles(DeviceSetting.AUTO));
  }

  @Test
  void withEverythingInPlaceTheGpuIsUsedAndOnlyExistingNumbersAreAccepted() {
    GpuReadiness ready = new GpuReadiness(GPU_BUILD, DRIVER, librariesMissing(), ONE_GPU, null);
    assertEquals(Optional.empty(), ready.whyNoGpu(DeviceSetting.ANY_GPU));
    assertEquals(Optional.empty(), ready.whyNoGpu(DeviceSetting.gpu(0)));
    assertEquals(Optional.of("TensorFlow sees 1 GPU(s), numbered from 0: there is no GPU 1"),
        ready.whyNoGpu(DeviceSetting.gpu(1)));
    assertEquals(Optional.of("device cpu hides every GPU from TensorFlow"), ready.whyNoGpu(DeviceSetting.CPU));
    assertEquals("GPU: TensorFlow sees 1 GPU(s); runs use the first", ready.autoChoice());
    // An A10 (compute capability 8.6) has tensor cores: precision auto means fp16 there.
    assertEquals(86, ready.computeCapability(DeviceSetting.AUTO));
    assertEquals(Precision.FP16, Precision.AUTO.resolve(new Hardware(java.util.Set.of(), true,
        ready.computeCapability(DeviceSetting.AUTO))));
  }

  @Test
  void driverAndLibrariesWithoutAGpuForTensorFlowSaySo() {
    GpuReadiness none = new GpuReadiness(GPU_BUILD, DRIVER, librariesMissing(), List.of(), null);
    String why = none.whyNoGpu(DeviceSetting.AUTO).orElseThrow();
    assertTrue(why.startsWith("TensorFlow found no GPU although the driver and the CUDA libraries are there; "
        + "nvidia-smi lists 1"), why);
    assertFalse(why.contains("CPU build"), why);
  }

  @Test
  void nvidiaSmiOutputGivesEachGpuAndItsComputeCapability() {
    List<NvidiaDriver.PhysicalGpu> gpus = NvidiaDriver.parseGpus(List.of("0, NVIDIA A100-SXM4-40GB, 8.0",
        "1, Tesla T4, 7.5", "2, Quadro K620, [N/A]", "No devices were found"));
    assertEquals(List.of(new NvidiaDriver.PhysicalGpu(0, "NVIDIA A100-SXM4-40GB", "8.0"),
        new NvidiaDriver.PhysicalGpu(1, "Tesla T4", "7.5"), new NvidiaDriver.PhysicalGpu(2, "Quadro K620", null)),
        gpus);
    assertEquals(List.of(80, 75, 0), gpus.stream().map(NvidiaDriver.PhysicalGpu::computeCapabilityNumber).toList());
  }
}
