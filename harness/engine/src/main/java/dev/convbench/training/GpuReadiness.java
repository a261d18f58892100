package dev.convbench.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether TensorFlow can compute on a GPU in this process, and if not, everything that stands in the way: the
 * native build, the NVIDIA driver, the CUDA libraries the GPU build opens, the GPUs TensorFlow sees. What
 * {@code convbench doctor} reports and what a run that asks for a GPU is refused with.
 *
 * @param build the TensorFlow native loaded
 * @param driver the NVIDIA driver's facts
 * @param cudaLibraries each of {@link CudaLibraries#REQUIRED} as the dynamic loader finds it
 * @param tensorFlowGpus the GPUs TensorFlow created devices for (none with the CPU build)
 * @param tensorFlowError why TensorFlow could not list its devices, or null
 */
public record GpuReadiness(NativeBuild build, NvidiaDriver driver, List<SharedLibraryLocator.Lookup> cudaLibraries,
    List<Devices.TensorFlowDevice> tensorFlowGpus, String tensorFlowError) {

  /** How to get the GPU build, for messages. */
  public static final String GPU_BUILD_HINT = "build with -Pgpu (./convbench: CONVBENCH_GPU=1)";

  public GpuReadiness {
    cudaLibraries = List.copyOf(cudaLibraries);
    tensorFlowGpus = List.copyOf(tensorFlowGpus);
  }

  /**
   * This process's facts, libraries looked up with {@code LD_LIBRARY_PATH} from {@code env}. Lists TensorFlow's
   * devices under its defaults, so call it before any session that hides or selects GPUs, or after deciding not to
   * train.
   */
  public static GpuReadiness ofThisProcess(Map<String, String> env) {
    NativeBuild build = NativeBuild.loaded();
    SharedLibraryLocator locator = SharedLibraryLocator.forThisMachine(env);
    List<Devices.TensorFlowDevice> gpus = List.of();
    String error = null;
    if (build.gpuBuild()) {
      try {
        gpus = Devices.tensorFlowGpus();
      } catch (RuntimeException e) {
        error = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
      }
    }
    return new GpuReadiness(build, NvidiaDriver.detect(locator), CudaLibraries.lookUp(locator), gpus, error);
  }

  /** The libraries of {@link CudaLibraries#REQUIRED} the loader does not find. */
  public List<SharedLibraryLocator.Lookup> missingLibraries() {
    return cudaLibraries.stream().filter(l -> !l.found()).toList();
  }

  /** Why a session with {@code setting} could not compute on a GPU, in one line; empty when it can. */
  public Optional<String> whyNoGpu(DeviceSetting setting) {
    List<String> obstacles = obstacles(setting);
    return obstacles.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", obstacles));
  }

  /**
   * Everything that keeps a session with {@code setting} off a GPU, most important first: with the CPU build, that
   * build and then what the GPU build would miss too; empty when it can compute on a GPU.
   */
  public List<String> obstacles(DeviceSetting setting) {
    if (setting.kind() == DeviceSetting.Kind.CPU) {
      return List.of("device cpu hides every GPU from TensorFlow");
    }
    String also = build.gpuBuild() ? "" : "the GPU build would also need ";
    List<String> missing = new ArrayList<>();
    if (!driver.usable()) {
      missing.add((also.isEmpty() ? "no NVIDIA driver" : also + "an NVIDIA driver") + ": " + CudaLibraries.DRIVER
          + " not found" + (driver.kernelModule() == null ? ", no /proc/driver/nvidia/version" : ""));
    }
    List<SharedLibraryLocator.Lookup> libraries = missingLibraries();
    if (!libraries.isEmpty()) {
      missing.add((also.isEmpty() ? "CUDA libraries not found: " : also + "CUDA libraries, not found here: ")
          + String.join(", ", libraries.stream().map(SharedLibraryLocator.Lookup::describe).toList()) + " ("
          + CudaLibraries.INSTALL_HINT + ")");
    }
    List<String> obstacles = new ArrayList<>();
    if (!build.gpuBuild()) {
      obstacles.add("the CPU build of TensorFlow is loaded: " + GPU_BUILD_HINT);
      obstacles.addAll(missing);
      return obstacles;
    }
    if (!missing.isEmpty()) {
      obstacles.add("the GPU build of TensorFlow is loaded but falls back to the CPU");
      obstacles.addAll(missing);
      return obstacles;
    }
    if (tensorFlowGpus.isEmpty()) {
      return List.of("TensorFlow found no GPU although the driver and the CUDA libraries are there"
          + (tensorFlowError == null ? "" : " (" + tensorFlowError + ")") + "; nvidia-smi lists "
          + driver.gpus().size() + " (check CUDA_VISIBLE_DEVICES, and that the driver supports CUDA 12: 525 or "
          + "newer)");
    }
    if (setting.gpuIndex() >= tensorFlowGpus.size()) {
      return List.of("TensorFlow sees " + tensorFlowGpus.size() + " GPU(s), numbered from 0: there is no GPU "
          + setting.gpuIndex());
    }
    return List.of();
  }

  /** What {@code device: auto} computes on here ({@code GPU} or {@code CPU}) and why, in one line. */
  public String autoChoice() {
    Optional<String> why = whyNoGpu(DeviceSetting.AUTO);
    return why.map(reason -> "CPU: " + reason)
        .orElse("GPU: TensorFlow sees " + tensorFlowGpus.size() + " GPU(s); runs use the first");
  }

  /** The compute capability ({@code major * 10 + minor}) of the GPU a setting would use, 0 when unknown. */
  public int computeCapability(DeviceSetting setting) {
    int index = Math.max(0, setting.gpuIndex());
    return driver.gpus().size() > index ? driver.gpus().get(index).computeCapabilityNumber() : 0;
  }
}
