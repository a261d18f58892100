package dev.convbench.run;

import dev.convbench.results.Environment;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Describes the machine a run executes on, for each device setting once per process: finding out whether a GPU
 * is used means creating a TensorFlow session configured as the runs' sessions are.
 */
@Singleton
public final class EnvironmentDetector {

  private final Map<DeviceSetting, Environment> detected = new HashMap<>();

  /** The environment of runs whose sessions compute with {@code device}. */
  public synchronized Environment of(DeviceSetting device) {
    return detected.computeIfAbsent(device, d -> {
      String used = Devices.detect(d);
      return Environment.detect(Devices.tensorFlowVersion(), used, used.equals("GPU") ? Devices.gpuModel(d) : null,
          d.toString());
    });
  }
}
