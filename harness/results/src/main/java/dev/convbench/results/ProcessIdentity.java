package dev.convbench.results;

import java.util.Objects;

/**
 * Who holds a claim ({@link ClaimRecord#holder()}) or trained a run ({@link RunRecord.Attempt#holder()}): enough to
 * name the process to a person (host, pid, cluster task) and to tell whether it is still alive when the observer runs
 * on the same machine.
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

  public ProcessIdentity {
    Objects.requireNonNull(host, "host");
  }

  /** Whether a process described by {@code other} would be visible to this one by its pid. */
  public boolean sameMachine(ProcessIdentity other) {
    return host.equals(other.host) && Objects.equals(machine, other.machine);
  }

  /** For messages: {@code pid 1234 on node7 (slurm:99_1)}. */
  public String describe() {
    return "pid " + pid + " on " + host + (task == null ? "" : " (" + task + ")");
  }
}
