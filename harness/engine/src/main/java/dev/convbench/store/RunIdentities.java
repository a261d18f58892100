package dev.convbench.store;

import dev.convbench.experiment.RunSpec;
import dev.convbench.results.RunIdentity;

/**
 * The {@link RunIdentity} of a run of an experiment file: computed from the run's settings in their stored form
 * ({@link RecordMapping#spec}), so a run and its {@code run.json} have the same digest whatever the engine's types
 * look like.
 */
public final class RunIdentities {

  private RunIdentities() {}

  /** The identity of {@code run} on data with fingerprint {@code dataFingerprint} (may be null: unknown). */
  public static RunIdentity of(RunSpec run, String dataFingerprint) {
    return RunIdentity.of(RecordMapping.spec(run), dataFingerprint);
  }

  /** The digest of the settings of {@code run} that decide its numbers ({@link RunIdentity#specDigest}). */
  public static String specDigest(RunSpec run) {
    return RunIdentity.specDigest(RecordMapping.spec(run));
  }
}
