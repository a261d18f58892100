package dev.convbench.training;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Where runs should compute, as an experiment file's {@code device:} or {@code --device} says: {@code auto} (a GPU
 * when TensorFlow can use one, else the CPU), {@code cpu}, {@code gpu} (any GPU; refuse to run without one) or
 * {@code gpu:N} (GPU number N as CUDA numbers them in this process). Changes where a run computes, not its
 * definition, so it is not part of a run's identity.
 *
 * @param kind what was asked for
 * @param gpuIndex the GPU's number for {@code gpu:N}, else -1
 */
public record DeviceSetting(Kind kind, int gpuIndex) {

  /** What kind of device was asked for. */
  public enum Kind { AUTO, CPU, GPU }

  public static final DeviceSetting AUTO = new DeviceSetting(Kind.AUTO, -1);
  public static final DeviceSetting CPU = new DeviceSetting(Kind.CPU, -1);
  public static final DeviceSetting ANY_GPU = new DeviceSetting(Kind.GPU, -1);

  /** What the accepted values look like, for messages. */
  public static final String EXPECTED = "auto, cpu, gpu or gpu:N (N a GPU number from 0)";

  /** More GPUs than any machine has: a bound that keeps a typo from becoming a huge number. */
  public static final int MAX_GPU_INDEX = 1023;

  /** How a setting is spelled (before the GPU number's bound is checked). */
  public static final Pattern SPELLING = Pattern.compile("auto|cpu|gpu(?::(\\d{1,4}))?");

  public DeviceSetting {
    if (kind == null || (kind == Kind.GPU ? gpuIndex < -1 || gpuIndex > MAX_GPU_INDEX : gpuIndex != -1)) {
      throw new IllegalArgumentException("no such device setting: " + kind + " " + gpuIndex);
    }
  }

  /** GPU number {@code index}. */
  public static DeviceSetting gpu(int index) {
    return new DeviceSetting(Kind.GPU, index);
  }

  /** The setting spelled {@code text} ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}), if it is one. */
  public static Optional<DeviceSetting> parse(String text) {
    Matcher m = SPELLING.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return switch (m.group().substring(0, 3)) {
      case "aut" -> Optional.of(AUTO);
      case "cpu" -> Optional.of(CPU);
      default -> {
        if (m.group(1) == null) {
          yield Optional.of(ANY_GPU);
        }
        int index = Integer.parseInt(m.group(1));
        yield index <= MAX_GPU_INDEX ? Optional.of(gpu(index)) : Optional.empty();
      }
    };
  }

  /** Whether runs must not start without a GPU. */
  public boolean requiresGpu() {
    return kind == Kind.GPU;
  }

  /**
   * Adds this setting to a session's configuration: {@code cpu} hides every GPU from the session, {@code gpu:N}
   * makes GPU N the only one it sees (as its {@code GPU:0}), {@code auto} and {@code gpu} leave TensorFlow's default
   * (every GPU visible, ops on the first).
   */
  public ConfigProto.Builder configure(ConfigProto.Builder config) {
    if (kind == Kind.CPU) {
      config.putDeviceCount("GPU", 0);
    } else if (gpuIndex >= 0) {
      // TensorFlow maps GPUs to CUDA devices once per process: every session of a process must name the same list,
      // which holds as long as one process trains on one GPU.
      GPUOptions.Builder gpu = config.getGpuOptionsBuilder();
      gpu.setVisibleDeviceList(Integer.toString(gpuIndex));
    }
    return config;
  }

  /** The spelling used in files and on the command line: {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:1}. */
  @Override
  public String toString() {
    return switch (kind) {
      case AUTO -> "auto";
      case CPU -> "cpu";
      case GPU -> gpuIndex < 0 ? "gpu" : "gpu:" + gpuIndex;
    };
  }
}
