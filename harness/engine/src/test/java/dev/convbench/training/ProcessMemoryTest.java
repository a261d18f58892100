package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the peak resident memory out of {@code /proc/<pid>/status} text. */
class ProcessMemoryTest {

  /** An excerpt of a real status file: VmPeak and VmRSS sit around VmHWM and must not be taken for it. */
  private static final List<String> STATUS = List.of("Name:\tjava", "State:\tS (sleeping)", "Pid:\t4242",
      "VmPeak:\t 9876540 kB", "VmSize:\t 9001234 kB", "VmLck:\t       0 kB", "VmHWM:\t  812344 kB",
      "VmRSS:\t  790112 kB", "Threads:\t48");

  @Test
  void readsTheHighWaterMarkInBytes() {
    assertEquals(812_344L * 1024, ProcessMemory.peakResidentBytes(STATUS));
  }

  @Test
  void unknownWhenTheLineIsMissing() {
    assertEquals(-1, ProcessMemory.peakResidentBytes(List.of("Name:\tjava", "VmRSS:\t  790112 kB")));
    assertEquals(-1, ProcessMemory.peakResidentBytes(List.of()));
  }

  /** A value in another unit or with a stray sign must not be misread as kB. */
  @Test
  void unknownWhenTheValueIsNotAKilobyteCount() {
    assertEquals(-1, ProcessMemory.peakResidentBytes(List.of("VmHWM:\t  812 MB")));
    assertEquals(-1, ProcessMemory.peakResidentBytes(List.of("VmHWM:\t  -812 kB")));
    assertEquals(-1, ProcessMemory.peakResidentBytes(List.of("VmHWM:")));
  }
}
