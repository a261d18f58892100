package dev.convbench.results;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a claim: enough to name the process to a person (host, pid, cluster task) and to tell whether it is
 * still alive when the observer runs on the same machine.
 *
 * @param host the host name
 * @param machine what makes a pid meaningful: on Linux the boot id and the pid namespace
 *     ({@code /proc/sys/kernel/random/boot_id}, {@code /proc/self/ns/pid}), so a rebooted machine or another
 *     container on the same host never counts as "this machine"; elsewhere {@code null} (then the host name alone)
 * @param pid the process id
 * @param processStartedAt when the process started (ISO-8601), to tell a reused pid from the original; may be null
 * @param task the cluster task running the process, e.g. {@code slurm:1234_2} or {@code k8s-index:3}; may be null
 */
public record ProcessIdentity(String host, String machine, long pid, String processStartedAt, String task) {

  private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

  public ProcessIdentity {
    Objects.requireNonNull(host, "host");
  }

  /** This process, with the cluster task read from {@code env}. */
  public static ProcessIdentity current(Map<String, String> env) {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessIdentity(detectHost(env), detectMachine(), self.pid(),
        self.info().startInstant().map(Instant::toString).orElse(null), detectTask(env));
  }

  /** Whether a process described by {@code other} would be visible to this one by its pid. */
  public boolean sameMachine(ProcessIdentity other) {
    return host.equals(other.host) && Objects.equals(machine, other.machine);
  }

  /**
   * Whether the process {@code other}, which must be on {@linkplain #sameMachine this machine}, is running: its pid
   * exists and, when both start times are known, started when {@code other} says (a reused pid is another process).
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

  /** For messages: {@code pid 1234 on node7 (slurm:99_1)}. */
  public String describe() {
    return "pid " + pid + " on " + host + (task == null ? "" : " (" + task + ")");
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
