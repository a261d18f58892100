package dev.convbench.results;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;

/**
 * The content of a run's {@code run.json}: everything needed to understand, reproduce and compare the run, apart
 * from its metrics (which are in the CSV files). Serialised with Jackson; unknown fields are ignored when reading,
 * so older readers accept newer files, and fields missing from older files read as 0 or {@code null}.
 *
 * @param formatVersion version of this layout, {@value #FORMAT_VERSION} for this release (2 added
 *     {@code macsPerImage}, {@code peakResidentBytes} and the files {@code layers.csv}, {@code confusion.csv},
 *     {@code structure.json}, and the {@code train_eval_*} columns of {@code metrics.csv})
 * @param runId the run's identifier (and directory name)
 * @param spec the fully resolved run: architecture, label, cell, hyper-parameters, training and data settings, seed;
 *     {@code null} in format 1 files that lack it
 * @param plugin architecture plugin name
 * @param pluginOrigin where the plugin came from (jar path or {@code built-in})
 * @param trainableParameters trainable scalar parameters of the network
 * @param macsPerImage multiply-accumulates of one forward pass per image; 0 when unknown (runs written before
 *     format 2, or whose network could not be built)
 * @param environment machine and software the run executed on
 * @param dataset the data the run saw
 * @param startedAt ISO-8601 instant the run started, e.g. {@code 2025-01-31T12:00:00.123Z}
 * @param endedAt ISO-8601 instant the run ended, {@code null} while {@link RunStatus#RUNNING running}
 * @param status the run's state
 * @param errorMessage for {@link RunStatus#FAILED failed} runs: the exception's {@code toString()}, else {@code null}
 * @param stackTrace for failed runs: the full stack trace, else {@code null}
 * @param divergedReason for {@link RunStatus#DIVERGED diverged} and {@link RunStatus#INTERRUPTED interrupted} runs:
 *     why training stopped, else {@code null}
 * @param peakResidentBytes the process's peak resident memory in bytes as reported when training ended; {@code null}
 *     when not reported (a run that failed, is still running, or was written before format 2). The process may
 *     have trained earlier runs of the matrix, so this is the peak up to the end of this run.
 * @param identity what decides the run's numbers ({@link RunIdentity}); {@code null} before format 3
 * @param attempt the claimed attempt that wrote this record: its number, token, process and the stale attempt it
 *     took over, if any; {@code null} before format 3 or when written without a claim
 */
public record RunRecord(int formatVersion, String runId, RunSpecRecord spec, String plugin, String pluginOrigin,
    long trainableParameters, long macsPerImage, Environment environment, DatasetFacts dataset, String startedAt,
    String endedAt, RunStatus status, String errorMessage, String stackTrace, String divergedReason,
    Long peakResidentBytes, RunIdentity identity, Attempt attempt) {

  /** The layout version this release writes (3 added {@code identity} and {@code attempt}). */
  public static final int FORMAT_VERSION = 3;

  /**
   * The claimed attempt that wrote a {@code run.json}; its full history is in {@code <out>/.claims/<run-id>/}.
   *
   * @param number the attempt's number
   * @param token the attempt's random id, as in its claim file
   * @param holder the process that trained it
   * @param takeover the stale attempt this one took over, or {@code null}
   * @param resumedAt where it continued an earlier attempt's checkpoint, or {@code null} when it started afresh
   */
  public record Attempt(int number, String token, ProcessIdentity holder, ClaimRecord.Takeover takeover,
      ResumedAt resumedAt) {

    /** The attempt {@code claim} describes, continuing a checkpoint at {@code resumedAt} (or {@code null}). */
    public static Attempt of(ClaimRecord claim, ResumedAt resumedAt) {
      return new Attempt(claim.attempt(), claim.token(), claim.holder(), claim.takeover(), resumedAt);
    }
  }

  /**
   * Where an attempt continued an earlier one's checkpoint.
   *
   * @param epoch the epoch it continued (1-based)
   * @param stepInEpoch the steps of that epoch already trained (0: from the epoch's start)
   */
  public record ResumedAt(int epoch, int stepInEpoch) {}

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
  }

  /**
   * A freshly started run, status {@link RunStatus#RUNNING running}.
   *
   * @param plugin the architecture plugin's name
   * @param pluginOrigin where it was loaded from
   * @param trainableParameters trainable scalar parameters of the network
   * @param macsPerImage multiply-accumulates of one forward pass per image, 0 when unknown
   * @param identity the run's identity, or {@code null} when unknown
   * @param attempt the claimed attempt, or {@code null} when written without a claim
   */
  public static RunRecord started(RunSpecRecord spec, String plugin, String pluginOrigin, long trainableParameters,
      long macsPerImage, Environment environment, DatasetFacts dataset, Instant now, RunIdentity identity,
      Attempt attempt) {
    return new RunRecord(FORMAT_VERSION, spec.runId(), spec, plugin, pluginOrigin, trainableParameters, macsPerImage,
        environment, dataset, now.toString(), null, RunStatus.RUNNING, null, null, null, null, identity, attempt);
  }

  /** FLOPs of one forward pass per image, counted as 2 × {@link #macsPerImage}; 0 when unknown. */
  public long flopsPerImage() {
    return 2 * macsPerImage;
  }

  /** This run ended as {@link RunStatus#COMPLETED completed} at {@code now}, with peak memory {@code peak}. */
  public RunRecord completed(Instant now, Long peak) {
    return finish(RunStatus.COMPLETED, now, null, null, null, peak);
  }

  /** This run ended as {@link RunStatus#DIVERGED diverged} for {@code reason}. */
  public RunRecord diverged(Instant now, String reason, Long peak) {
    return finish(RunStatus.DIVERGED, now, null, null, reason, peak);
  }

  /** This attempt ended as {@link RunStatus#INTERRUPTED interrupted} for {@code reason}. */
  public RunRecord interrupted(Instant now, String reason, Long peak) {
    return finish(RunStatus.INTERRUPTED, now, null, null, reason, peak);
  }

  /** This run ended as {@link RunStatus#FAILED failed} with {@code error} (its message and stack trace). */
  public RunRecord failed(Instant now, Throwable error, Long peak) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return finish(RunStatus.FAILED, now, error.toString(), trace.toString(), null, peak);
  }

  private RunRecord finish(RunStatus finalStatus, Instant now, String message, String trace, String reason,
      Long peak) {
    return new RunRecord(formatVersion, runId, spec, plugin, pluginOrigin, trainableParameters, macsPerImage,
        environment, dataset, startedAt, now.toString(), finalStatus, message, trace, reason, peak, identity, attempt);
  }
}
