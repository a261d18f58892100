package dev.convbench.cli;

import dev.convbench.results.Environment;
import dev.convbench.run.EnvironmentDetector;
import dev.convbench.training.CpuFeatures;
import dev.convbench.training.CudaLibraries;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import dev.convbench.training.GpuReadiness;
import dev.convbench.training.Hardware;
import dev.convbench.training.NvidiaDriver;
import dev.convbench.training.Precision;
import dev.convbench.training.SharedLibraryLocator;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convbench doctor}: what this machine offers TensorFlow (native build, NVIDIA driver, CUDA libraries, GPUs,
 * CPU features), what {@code device: auto} and {@code precision: auto} choose here and why, and whether a run can
 * train with the device asked for. Trains nothing.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check what TensorFlow can compute on here: the TensorFlow native loaded (CPU or GPU build), the "
        + "NVIDIA driver and CUDA libraries the GPU build needs (each missing one named), the GPUs TensorFlow sees, "
        + "the CPU's features, and what device: auto and precision: auto choose. Exit 0 when runs can train with "
        + "--device (default auto: the CPU is enough), 2 with the reason when they cannot.",
        "'convbench doctor --device gpu' answers: can I train on a GPU here?"})
final class DoctorCommand implements Callable<Integer> {

  private static final String LABEL = "%-20s %s%n";

  private final CommandContext context;

  @Mixin
  DeviceOptions deviceOptions;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Inject
  DoctorCommand(CommandContext context) {
    this.context = context;
  }

  /** What {@code doctor} found ({@code --json} prints it). */
  record Report(String tensorflowVersion, String nativeBuild, String nativeLibrary, Driver nvidiaDriver,
      List<Library> cudaLibraries, List<Devices.TensorFlowDevice> tensorflowGpus, String tensorflowError, Cpu cpu,
      String autoDevice, String requestedDevice, String device, String precisionAuto, String precisionReason,
      boolean canTrain, String problem) {}

  /** The NVIDIA driver: its library's file (null when not found), kernel module, the GPUs nvidia-smi lists. */
  record Driver(String library, String kernelModule, boolean nvidiaSmi, List<NvidiaDriver.PhysicalGpu> gpus) {}

  /** One CUDA library the GPU build opens: where the loader finds it, or not (and where it is instead). */
  record Library(String soname, boolean found, String path, String description) {}

  /** The CPU, its logical processors, whether it has each feature that matters for speed, and that in words. */
  record Cpu(String model, int logicalProcessors, Map<String, Boolean> features, String summary) {}

  @Override
  public Integer call() {
    DeviceSetting requested = deviceOptions.resolve(DeviceSetting.AUTO);
    GpuReadiness gpu = GpuReadiness.ofThisProcess(context.env());
    String version = Devices.tensorFlowVersion();
    Environment machine = EnvironmentDetector.describe(version, "CPU", null, requested.toString());
    Report report = report(version, gpu, Hardware.detect(false, 0).cpuFlags(), machine.cpuModel(),
        machine.availableProcessors(), requested);
    if (json) {
      context.out().println(Json.write(report));
    } else {
      print(report, gpu, context.out());
    }
    if (!report.canTrain()) {
      context.err().println("error: " + report.problem());
      return ExitCode.INVALID_INPUT;
    }
    return ExitCode.OK;
  }

  /** The report for these facts; separate from gathering them so that any machine can be described. */
  static Report report(String version, GpuReadiness gpu, java.util.Set<String> cpuFlags, String cpuModel,
      int processors, DeviceSetting requested) {
    Optional<String> noGpu = gpu.whyNoGpu(requested);
    boolean usesGpu = requested.kind() != DeviceSetting.Kind.CPU && noGpu.isEmpty();
    boolean canTrain = !requested.requiresGpu() || usesGpu;
    // Without the GPU asked for, what auto would choose on the device runs would get: the CPU.
    Hardware hardware = new Hardware(cpuFlags, usesGpu, usesGpu ? gpu.computeCapability(requested) : 0);
    String device = usesGpu ? "GPU" : "CPU";
    String problem = canTrain ? null : "device " + requested + " asked for, but TensorFlow cannot use a GPU here: "
        + noGpu.orElseThrow();
    NvidiaDriver driver = gpu.driver();
    return new Report(version, gpu.build().gpuBuild() ? "gpu" : "cpu", gpu.build().library(),
        new Driver(driver.library().found() ? driver.library().path().toString() : null, driver.kernelModule(),
            driver.nvidiaSmi(), driver.gpus()),
        gpu.cudaLibraries().stream().map(l -> new Library(l.soname(), l.found(),
            l.path() == null ? null : l.path().toString(), l.describe())).toList(),
        gpu.tensorFlowGpus(), gpu.tensorFlowError(),
        new Cpu(cpuModel, processors, CpuFeatures.of(hardware), CpuFeatures.describe(hardware)), gpu.autoChoice(), requested.toString(), device,
        Precision.AUTO.resolve(hardware).yamlName(), Precision.autoReason(hardware), canTrain, problem);
  }

  private static void print(Report r, GpuReadiness gpu, PrintStream out) {
    out.printf(LABEL, "TensorFlow", r.tensorflowVersion() + ", " + gpu.build().describe() + ": "
        + r.nativeLibrary());
    Driver d = r.nvidiaDriver();
    out.printf(LABEL, "NVIDIA driver", d.library() != null ? CudaLibraries.DRIVER + " at " + d.library()
        + (d.kernelModule() == null ? "" : "; " + d.kernelModule())
        : "not found: no " + CudaLibraries.DRIVER + " on the loader's path"
            + (d.kernelModule() == null ? ", no /proc/driver/nvidia/version" : "; kernel module: " + d.kernelModule())
            + (d.nvidiaSmi() ? "" : ", no nvidia-smi"));
    for (NvidiaDriver.PhysicalGpu g : d.gpus()) {
      out.printf(LABEL, "", "nvidia-smi GPU " + g.index() + ": " + g.name()
          + (g.computeCapability() == null ? "" : ", compute capability " + g.computeCapability()));
    }
    out.printf(LABEL, "CUDA libraries", (gpu.build().gpuBuild() ? "" : "not used by the CPU build; ")
        + "the GPU build opens (CUDA 12, cuDNN 8):");
    for (SharedLibraryLocator.Lookup l : gpu.cudaLibraries()) {
      out.printf(LABEL, "  " + l.soname(), l.found() ? "found: " + l.path()
          : "NOT FOUND" + (l.path() == null ? "" : ": only at " + l.path() + ", outside the loader's path"));
    }
    out.printf(LABEL, "GPUs TensorFlow sees", !gpu.build().gpuBuild() ? "none (the CPU build has no GPU support)"
        : r.tensorflowGpus().isEmpty() ? "none" + (r.tensorflowError() == null ? "" : " (" + r.tensorflowError() + ")")
        : String.join("; ", r.tensorflowGpus().stream().map(g -> g.name() + String.format(Locale.ROOT, " (%.1f GB)",
            g.memoryBytes() / 1e9)).toList()));
    out.printf(LABEL, "CPU", r.cpu().model() + ", " + r.cpu().logicalProcessors() + " logical processors: "
        + r.cpu().summary());
    List<String> obstacles = gpu.obstacles(DeviceSetting.AUTO);
    out.printf(LABEL, "device: auto", obstacles.isEmpty() ? r.autoDevice() : "CPU, because:");
    obstacles.forEach(o -> out.printf(LABEL, "", "- " + o));
    if (!r.requestedDevice().equals("auto")) {
      List<String> requested = gpu.obstacles(DeviceSetting.parse(r.requestedDevice()).orElseThrow());
      out.printf(LABEL, "device: " + r.requestedDevice(), r.canTrain() ? r.device()
          : "no GPU, because:" + (requested.equals(obstacles) ? " as above" : ""));
      if (!r.canTrain() && !requested.equals(obstacles)) {
        requested.forEach(o -> out.printf(LABEL, "", "- " + o));
      }
    }
    out.printf(LABEL, "precision: auto", r.precisionAuto() + " on the " + r.device() + ": " + r.precisionReason());
    out.printf(LABEL, "can train", r.canTrain() ? "yes, on the " + r.device()
        + (r.device().equals("CPU") ? " (a machine without a usable GPU trains on its CPU, more slowly)" : "")
        : "no: device " + r.requestedDevice() + " asks for a GPU and TensorFlow can use none here (exit code 2)");
  }
}
