package dev.convbench.store;

import dev.convbench.results.ProcessIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@link ProcessIdentity} of this process, and whether another process on this machine is still running. */
public final class Processes {

  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  private Processes() {}

  /** This process, with the cluster task read from {@code env}. */
  public static ProcessIdentity current(Map<String, String> env) {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessIdentity(detectHost(env), detectMachine(), self.pid(),
        self.info().startInstant().map(Instant::toString).orElse(null), detectTask(env));
  }

  /**
   * Whether the process {@code other}, which must be on {@linkplain ProcessIdentity#sameMachine this machine}, is
   * running: its pid exists and, when both start times are known, started when {@code other} says (a reused pid is
   * another process).
   */
  static boolean isAlive(ProcessIdentity other) {
    Optional<ProcessHandle> handle = ProcessHandle.of(other.pid());
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return false;
    }
    if (other.processStartedAt() == null) {
      return true;
    }
    Optional<Instant> started = handle.get().info().startInstant();
    Instant claimed;
    try {
      claimed = Instant.parse(other.processStartedAt());
    } catch (java.time.format.DateTimeParseException e) {
      return true; // not an instant (edited by hand): as if unknown
    }
    return started.isEmpty() || Duration.between(started.get(), claimed).abs().compareTo(START_TOLERANCE) <= 0;
  }

  private static String detectHost(Map<String, String> env) {
    // The kernel's name first: InetAddress may wait for a reverse DNS lookup on a badly configured node.
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        String name = Files.readString(kernel).trim();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String fromEnv = env.getOrDefault("HOSTNAME", env.get("COMPUTERNAME"));
      return fromEnv == null || fromEnv.isBlank() ? "unknown-host" : fromEnv;
    }
  }

  private static String detectMachine() {
    try {
      Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
      Path pidNamespace = Path.of("/proc/self/ns/pid");
      if (Files.isReadable(bootId) && Files.exists(pidNamespace)) {
        return Files.readString(bootId).trim() + " " + Files.readSymbolicLink(pidNamespace);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not Linux, or /proc hidden: fall back to the host name alone.
    }
    return null;
  }

  private static String detectTask(Map<String, String> env) {
    String slurmJob = env.get("SLURM_JOB_ID");
    if (slurmJob != null) {
      String arrayJob = env.get("SLURM_ARRAY_JOB_ID");
      String arrayTask = env.get("SLURM_ARRAY_TASK_ID");
      return "slurm:" + (arrayJob != null && arrayTask != null ? arrayJob + "_" + arrayTask : slurmJob);
    }
    String index = env.get("JOB_COMPLETION_INDEX");
    if (index != null) {
      return "k8s-index:" + index;
    }
    return null;
  }
}
