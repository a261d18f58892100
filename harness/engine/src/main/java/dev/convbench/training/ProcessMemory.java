package dev.convbench.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process's peak resident memory (Linux {@code VmHWM}), which includes TensorFlow's native allocations that
 * the JVM's own counters miss. Runs of a matrix share the process, so each run resets the peak when it starts
 * ({@code /proc/self/clear_refs}); where that is not possible, the value is the peak since the process started.
 */
final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
  private static final Pattern KILOBYTES = Pattern.compile("\\s*(\\d{1,15}) kB\\s*");

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
      return peakResidentBytes(Files.readAllLines(STATUS));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The {@code VmHWM} line of {@code /proc/<pid>/status} text ({@code "VmHWM:\t  123456 kB"}) in bytes, or -1 when
   * there is none or it is not a count of kB.
   */
  static long peakResidentBytes(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmHWM:")) {
        Matcher m = KILOBYTES.matcher(line.substring("VmHWM:".length()));
        return m.matches() ? Long.parseLong(m.group(1)) * 1024 : -1;
      }
    }
    return -1;
  }
}
