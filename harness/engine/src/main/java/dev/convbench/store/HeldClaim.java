package dev.convbench.store;

import dev.convbench.results.AtomicFiles;
import dev.convbench.results.ClaimRecord;
import dev.convbench.results.RunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's claim on a run (see {@link Claims} for the protocol). Keeps its heartbeat going until
 * {@link #release released}; {@link #ensureHeld()} guards every write to the run's files.
 */
public final class HeldClaim implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HeldClaim.class);

  private final Claims claims;
  private final Path file;
  private final Path nextAttempt;
  private final long heartbeatNanos;
  private ClaimRecord record;
  private ScheduledFuture<?> heartbeat;
  private volatile boolean lost;
  private volatile boolean released;
  private volatile long confirmedAt;
  /** The wall clock at {@link #confirmedAt}: {@code System.nanoTime()} stands still while the machine is suspended. */
  private volatile long confirmedAtMillis;

  HeldClaim(Claims claims, Path file, ClaimRecord record) {
    this.claims = claims;
    this.file = file;
    this.record = record;
    this.nextAttempt = file.resolveSibling(Claims.attemptFileName(record.attempt() + 1));
    this.heartbeatNanos = claims.settings().heartbeat().toNanos();
    this.confirmedAt = System.nanoTime();
    this.confirmedAtMillis = claims.clock().millis();
    this.heartbeat = claims.heartbeats().scheduleWithFixedDelay(this::beatQuietly, heartbeatNanos, heartbeatNanos,
        TimeUnit.NANOSECONDS);
  }

  /** The claim as last written. */
  public synchronized ClaimRecord record() {
    return record;
  }

  public String runId() {
    return record.runId();
  }

  /**
   * Returns when this process still holds the claim. Every call looks for the next attempt's file (one stat): a
   * process with a shorter {@code --stale-after} than this one's heartbeat may take the run over between two
   * heartbeats. When the last confirmation is older than two heartbeats by the monotonic clock or by the wall clock
   * (the process may have been stopped, or its machine suspended, which the monotonic clock does not count), the
   * heartbeat is renewed as well.
   *
   * @throws ClaimLostException when the run was taken over or the claim released
   */
  public void ensureHeld() {
    if (!lost && !released) {
      try {
        if (System.nanoTime() - confirmedAt > 2 * heartbeatNanos
            || Math.abs(claims.clock().millis() - confirmedAtMillis) > 2 * heartbeatNanos / 1_000_000) {
          beat();
        } else {
          checkNotTakenOver();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot renew the claim on run " + runId() + " in " + file, e);
      }
    }
    if (lost) {
      throw new ClaimLostException("run " + runId() + " was taken over by another process (attempt "
          + (record.attempt() + 1) + " in " + nextAttempt.getParent() + ") after this one's claim went stale; this"
          + " process writes nothing more to it");
    }
    if (released) {
      throw new ClaimLostException("the claim on run " + runId() + " was released; nothing more may be written");
    }
  }

  /** Whether the run was taken over by another process. */
  public boolean lost() {
    return lost;
  }

  /**
   * Lets go of the run, recording how this attempt ended (see {@link ClaimRecord#outcome()}). Does nothing when the
   * claim was lost or already released.
   */
  public synchronized void release(String outcome) throws IOException {
    if (released) {
      return;
    }
    released = true;
    heartbeat.cancel(false);
    if (lost || Files.exists(nextAttempt)) {
      lost = true;
      return;
    }
    record = record.withOutcome(outcome, claims.clock().instant().toString());
    AtomicFiles.write(file, claims.json().write(record));
  }

  /** Releases as {@code interrupted} unless released already: a claim never outlives its holder's use of it. */
  @Override
  public void close() throws IOException {
    release(RunStatus.INTERRUPTED.id());
  }

  private synchronized void beat() throws IOException {
    if (!checkNotTakenOver()) {
      return;
    }
    record = record.withHeartbeat(claims.clock().instant().toString());
    AtomicFiles.write(file, claims.json().write(record));
    confirmedAt = System.nanoTime();
    confirmedAtMillis = claims.clock().millis();
  }

  /** False when the claim was released or lost, now or before. */
  private synchronized boolean checkNotTakenOver() {
    if (lost || released) {
      return false;
    }
    if (Files.exists(nextAttempt)) {
      lost = true;
      heartbeat.cancel(false);
      LOG.warn("Run {} was taken over by another process; this process stops writing to it", runId());
      return false;
    }
    return true;
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (IOException | RuntimeException e) {
      // A missed heartbeat is not fatal: the claim goes stale only after many of them. The next one retries.
      LOG.warn("Heartbeat of the claim on run {} failed: {}", runId(), e.toString());
    }
  }
}
