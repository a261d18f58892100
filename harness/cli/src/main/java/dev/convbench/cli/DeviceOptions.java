package dev.convbench.cli;

import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import dev.convbench.training.GpuReadiness;
import picocli.CommandLine.Option;

/** {@code --device auto|cpu|gpu|gpu:N}: where runs compute, over the experiment file's {@code device}. */
final class DeviceOptions {

  @Option(names = "--device", paramLabel = "DEVICE",
      description = "Where to compute: auto (a GPU when TensorFlow can use one, else the CPU), cpu, gpu (refuse to "
          + "start without one) or gpu:N (default: the experiment file's device, else auto). Changes speed, not "
          + "what a run is.")
  String device;

  /** The setting asked for on the command line, else {@code fromFile}. */
  DeviceSetting resolve(DeviceSetting fromFile) {
    if (device == null) {
      return fromFile;
    }
    return DeviceSetting.parse(device).orElseThrow(() -> new UserInputException("--device expects "
        + DeviceSetting.EXPECTED + ", not '" + device + "'"));
  }

  /**
   * Refuses, before anything is trained or written, a setting that asks for a GPU TensorFlow cannot use here, with
   * what stands in the way.
   */
  static void requireUsable(DeviceSetting setting, CommandContext context) {
    if (!setting.requiresGpu() || Devices.detect(setting).equals("GPU")) {
      return;
    }
    String reason = GpuReadiness.ofThisProcess(context.env()).whyNoGpu(setting)
        .orElse("TensorFlow could not run an operation on it");
    throw new UserInputException("device " + setting + " asked for, but TensorFlow cannot use a GPU here: " + reason
        + ". Nothing was trained; 'convbench doctor --device " + setting + "' shows what was found.");
  }
}
