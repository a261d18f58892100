package dev.convbench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory (Linux {@code VmHWM}), which includes TensorFlow's native allocations that
 * the JVM's own counters miss. Runs of a matrix share the process, so each run resets the peak when it starts
 * ({@code /proc/self/clear_refs}); where that is not possible, the value is the peak since the process started.
 */
final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private ProcessMemory() {}

  /** Starts a new peak, where the kernel allows it. */
  static void resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // not Linux, or not allowed: the peak then covers the whole process, which is documented
    }
  }

  /** Peak resident bytes, or -1 when unknown (not Linux). */
  static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
