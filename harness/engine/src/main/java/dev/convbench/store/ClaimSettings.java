package dev.convbench.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How claims on runs are kept alive and when they go stale.
 *
 * @param staleAfter a claim whose heartbeat is older than this is stale and may be taken over (default 5 min); it
 *     must exceed the heartbeat interval plus the time a shared file system may take to show a rewritten file (NFS
 *     attribute caches: up to 60 s by default), and clocks of the machines sharing a directory must agree to well
 *     within it
 * @param heartbeat how often a holder rewrites its heartbeat (default 30 s)
 */
public record ClaimSettings(Duration staleAfter, Duration heartbeat) {

  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(5);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  public ClaimSettings {
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive: " + heartbeat);
    }
    if (staleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("a claim must be allowed at least two heartbeats before it is stale: stale"
          + " after " + staleAfter + ", heartbeat every " + heartbeat);
    }
  }

  public static ClaimSettings defaults() {
    return new ClaimSettings(DEFAULT_STALE_AFTER, DEFAULT_HEARTBEAT);
  }
}
