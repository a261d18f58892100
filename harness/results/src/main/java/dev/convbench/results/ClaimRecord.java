package dev.convbench.results;

import java.util.Objects;

/**
 * One attempt at a run: the content of {@code <out>/.claims/<run-id>/attempt-NNNNNN.json}. Created exclusively by
 * the process that makes the attempt (the file's existence is the claim), then rewritten only by that process: with
 * a new heartbeat while it trains, and with its outcome when it lets go.
 *
 * @param runId the run
 * @param attempt 1 for the first attempt, then one more per new attempt
 * @param token a random id of this attempt; the run's {@code run.json} names the attempt that wrote it
 * @param holder the process making the attempt
 * @param startedAt when the attempt was claimed (ISO-8601, the holder's clock)
 * @param heartbeatAt the holder's latest sign of life (ISO-8601, the holder's clock)
 * @param takeover the earlier attempt this one took over because it was stale, or {@code null}
 * @param outcome how the attempt ended, {@code null} while it is held: the {@linkplain RunStatus#id() status} it left
 *     the run in ({@code completed}, {@code diverged}, {@code failed}, {@code interrupted}: the process was stopped), or
 *     {@code kept} (someone else had finished the run in the meantime), {@code superseded} (the run was moved under
 *     {@code superseded/}), {@code lost} (taken over)
 * @param releasedAt when the outcome was written, or {@code null}
 * @param heartbeat the holder's heartbeat interval (ISO-8601 duration, e.g. {@code PT30S}): no process takes the run
 *     over before two of them have passed without a heartbeat, whatever its own {@code --stale-after}; {@code null}
 *     in claims written before it was recorded
 */
public record ClaimRecord(String runId, int attempt, String token, ProcessIdentity holder, String startedAt,
    String heartbeatAt, Takeover takeover, String outcome, String releasedAt, String heartbeat) {

  public ClaimRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(holder, "holder");
  }

  /** Whether the holder has let go of the run. */
  public boolean released() {
    return outcome != null;
  }

  /** This record with a new heartbeat. */
  public ClaimRecord withHeartbeat(String now) {
    return new ClaimRecord(runId, attempt, token, holder, startedAt, now, takeover, outcome, releasedAt, heartbeat);
  }

  /** This record released with {@code finalOutcome} at {@code now}. */
  public ClaimRecord withOutcome(String finalOutcome, String now) {
    return new ClaimRecord(runId, attempt, token, holder, startedAt, now, takeover, finalOutcome, now, heartbeat);
  }

  /**
   * An attempt taken over from a stale one.
   *
   * @param attempt the stale attempt's number
   * @param holder who held it
   * @param heartbeatAt its last heartbeat
   * @param reason why it was judged stale, e.g. {@code heartbeat 6 min old}
   */
  public record Takeover(int attempt, ProcessIdentity holder, String heartbeatAt, String reason) {}
}
