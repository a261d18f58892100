package dev.convbench.store;

import static dev.convbench.results.ResultsLayout.EXPERIMENT_FILE;
import static dev.convbench.results.ResultsLayout.EXPERIMENT_TEXT_FILE;
import static dev.convbench.results.ResultsLayout.RUN_FILE;
import static dev.convbench.results.ResultsLayout.STRUCTURE_FILE;
import static dev.convbench.results.ResultsLayout.SUPERSEDED_DIRECTORY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.results.AtomicFiles;
import dev.convbench.results.CheckpointRecord;
import dev.convbench.results.CsvAppender;
import dev.convbench.results.ExperimentManifest;
import dev.convbench.results.MetricsCsv;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.RunIdentity;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunStatus;
import dev.convbench.results.StructureRecord;
import dev.convbench.results.TrainingPositionRecord;
import dev.convbench.training.TrainingPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes runs into a results directory {@code <out>} (layout: see the {@linkplain dev.convbench.results results
 * format}).
 *
 * <p>Any number of processes, on one machine or several sharing the directory, may write runs of one experiment
 * here at once; each run is written by the process holding its {@link Claims claim}. Typical use:
 * <pre>{@code
 * store.checkJoinable(experiment);                          // same experiment, or an empty directory
 * RunState state = store.inspect(spec, identity, claims);   // DONE, FAILED, HELD by another process, or to train
 * if (state.trainable()) {
 *   Optional<Acquired> acquired = store.acquire(state, identity, claims, retryFailed);
 *   if (acquired.isPresent()) {
 *     try (HeldClaim held = acquired.get().claim(); RunWriter run = store.start(spec, info, identity, held)) {
 *       trainer.train(spec, run);                           // run receives onEpoch, onStepLoss, onLayerStats…
 *       run.complete();                                     // or diverged(…), failed(…)
 *       held.release("completed");
 *     }
 *   }
 * }
 * }</pre>
 */
public final class ResultStore {

  private final Path directory;
  private final Clock clock;
  private final ResultsJson json = new ResultsJson();

  /** A store writing into {@code directory} (created when the first file is written). */
  public ResultStore(Path directory) {
    this(directory, Clock.systemUTC());
  }

  /** A store with a given clock for the start and end timestamps (tests). */
  public ResultStore(Path directory, Clock clock) {
    this.directory = Objects.requireNonNull(directory);
    this.clock = Objects.requireNonNull(clock);
  }

  /** The results directory. */
  public Path directory() {
    return directory;
  }

  /** Where run {@code runId} is stored. */
  public Path runDirectory(String runId) {
    return directory.resolve(checkRunId(runId));
  }

  /**
   * Checks that runs of {@code experiment} may be written here: the directory is missing, empty (hidden entries, such
   * as another process's temporary files, do not count), or holds results of an experiment with the same name (an
   * earlier or concurrent run of the same file, possibly edited: runs that no longer match are then set aside, see
   * {@link #supersede}) whose recorded {@code precision: auto}, if any, is what {@code experiment} resolved it to.
   *
   * @throws ResultsDirectoryInUseException when it holds another experiment's results, files that are not results,
   *     or another resolution of {@code precision: auto}
   */
  public void checkJoinable(Experiment experiment) throws IOException {
    if (!Files.isDirectory(directory)) {
      if (Files.exists(directory)) {
        throw new ResultsDirectoryInUseException(directory, "is a file, not a directory");
      }
      return;
    }
    Path manifestFile = directory.resolve(EXPERIMENT_FILE);
    if (Files.isRegularFile(manifestFile)) {
      ExperimentManifest manifest;
      try {
        manifest = json.read(manifestFile, ExperimentManifest.class);
      } catch (IOException e) {
        throw new ResultsDirectoryInUseException(directory, "has an unreadable " + EXPERIMENT_FILE + " ("
            + e.getMessage() + ")");
      }
      if (!Objects.equals(manifest.name(), experiment.name())) {
        throw new ResultsDirectoryInUseException(directory, "holds results of experiment '" + manifest.name()
            + "', not '" + experiment.name() + "'");
      }
      if (manifest.autoPrecision() != null && experiment.autoPrecision() != null
          && !manifest.autoPrecision().equals(experiment.autoPrecision().yamlName())) {
        // Another process recorded its resolution after this one looked for it (they started together).
        throw new ResultsDirectoryInUseException(directory, "records precision auto as " + manifest.autoPrecision()
            + " (another process started on it at the same time), and this process resolved it to "
            + experiment.autoPrecision() + "; nothing was trained: run the command again to adopt "
            + manifest.autoPrecision());
      }
      return;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      List<String> visible = entries.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith(AtomicFiles.HIDDEN_PREFIX)).sorted().toList();
      if (!visible.isEmpty()) {
        throw new ResultsDirectoryInUseException(directory, "is not empty and holds no " + EXPERIMENT_FILE
            + " (it has " + String.join(", ", visible.subList(0, Math.min(3, visible.size())))
            + (visible.size() > 3 ? ", …" : "") + ")");
      }
    }
  }

  /**
   * Where run {@code spec} stands in this directory, for a process about to work on it.
   *
   * @param identity what the run's numbers would depend on now
   */
  public RunState inspect(RunSpec spec, RunIdentity identity, Claims claims) throws IOException {
    Claims.Observation claim = claims.observe(spec.runId());
    if (claim.state() == Claims.State.HELD) {
      return new RunState(spec, RunState.Kind.HELD, (claim.holderDescription().isEmpty() ? "claimed"
          : "claimed by " + claim.holderDescription()) + ", " + claim.reason(), claim);
    }
    Optional<RunRecord> stored = readQuietly(spec.runId());
    if (stored.isPresent() && (stored.get().status().isFinal() || stored.get().status() == RunStatus.FAILED)) {
      RunRecord record = stored.get();
      if (!sameIdentity(spec, identity, record)) {
        return new RunState(spec, RunState.Kind.CHANGED, record.status().id() + " with other settings or data",
            claim);
      }
      return record.status() == RunStatus.FAILED
          ? new RunState(spec, RunState.Kind.FAILED, "failed: " + record.errorMessage(), claim)
          : new RunState(spec, RunState.Kind.DONE, record.status().id(), claim);
    }
    if (claim.state() == Claims.State.STALE) {
      return new RunState(spec, RunState.Kind.STALE, (claim.holderDescription().isEmpty() ? "claim"
          : "claim of " + claim.holderDescription()) + " is stale: " + claim.reason(), claim);
    }
    if (stored.isPresent()) {
      return new RunState(spec, RunState.Kind.LEFT, "interrupted (status " + stored.get().status().id() + ")", claim);
    }
    Path runDir = runDirectory(spec.runId());
    return new RunState(spec, RunState.Kind.LEFT, Files.exists(runDir.resolve(RUN_FILE))
        ? "unreadable " + RUN_FILE + " (set aside under " + SUPERSEDED_DIRECTORY + "/ when trained again)"
        : Files.exists(runDir) ? "incomplete" : "new", claim);
  }

  /**
   * Claims run {@code seen.run()} for training and makes its directory ready: a directory left by an attempt with
   * the same identity (interrupted, or failed and retried) is cleared; one with another identity, or whose
   * {@code run.json} cannot be read, is moved under {@code superseded/}, never deleted.
   *
   * @param retryFailed whether a failed run with the same identity is trained again
   * @return the claim, or empty when another process claimed the run first or finished it in the meantime
   */
  public Optional<Acquired> acquire(RunState seen, RunIdentity identity, Claims claims, boolean retryFailed)
      throws IOException {
    Optional<HeldClaim> claimed = claims.claim(seen.claim());
    if (claimed.isEmpty()) {
      return Optional.empty();
    }
    HeldClaim claim = claimed.get();
    try {
      // Between looking and claiming, another process may have finished the run and let go of it.
      Optional<RunRecord> stored = readQuietly(seen.run().runId());
      if (stored.isPresent() && sameIdentity(seen.run(), identity, stored.get())
          && (stored.get().status().isFinal() || (stored.get().status() == RunStatus.FAILED && !retryFailed))) {
        claim.release("kept");
        return Optional.empty();
      }
      Path runDir = runDirectory(seen.run().runId());
      Path superseded = null;
      if (Files.exists(runDir)) {
        claim.ensureHeld();
        if (stored.isPresent() && !sameIdentity(seen.run(), identity, stored.get())) {
          superseded = supersede(seen.run().runId(), stored.get());
        } else if (stored.isEmpty() && Files.exists(runDir.resolve(RUN_FILE))) {
          // A run.json this release cannot read (damaged, or written by a newer release): perhaps a finished run.
          superseded = supersede(seen.run().runId(), null);
        } else {
          Optional<ResumePoint> checkpoint = stored.isPresent() ? latestCheckpoint(seen.run().runId())
              : Optional.empty();
          if (checkpoint.isPresent()) {
            return Optional.of(new Acquired(claim, null, checkpoint.get()));
          }
          AtomicFiles.moveAsideAndDelete(runDir, directory);
        }
      }
      return Optional.of(new Acquired(claim, superseded, null));
    } catch (IOException | RuntimeException e) {
      claim.release(RunStatus.FAILED.id());
      throw e;
    }
  }

  /**
   * A run claimed for training by {@link #acquire}.
   *
   * @param claim the claim, to hold while training and release with the outcome
   * @param supersededTo where an earlier result with another identity was moved, or {@code null}
   * @param resumeFrom the checkpoint an earlier attempt left, to continue from ({@link #resume}), or {@code null}
   *     to start afresh ({@link #start(RunSpec, RunStartInfo, RunIdentity, HeldClaim, int)})
   */
  public record Acquired(HeldClaim claim, Path supersededTo, ResumePoint resumeFrom) {}

  /**
   * Moves run directory {@code runId} to {@code superseded/<run-id>.<settings digest>} (numbered when that exists):
   * the caller must hold the run's claim.
   *
   * @param record its {@code run.json}, or {@code null} when unreadable
   * @return where it went
   */
  public Path supersede(String runId, RunRecord record) throws IOException {
    Path superseded = directory.resolve(SUPERSEDED_DIRECTORY);
    Files.createDirectories(superseded);
    String base = runId + "." + (record != null && record.identity() != null ? record.identity().shortSpec()
        : "old");
    Path target = superseded.resolve(base);
    for (int n = 2; Files.exists(target); n++) {
      target = superseded.resolve(base + "-" + n);
    }
    Files.move(runDirectory(runId), target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * Run directories here that {@code runIds} does not list: runs of an earlier version of the experiment file (or of
   * one run with other shards' files). Hidden entries, {@code superseded/} and the report are not runs.
   */
  public List<String> strayRuns(Set<String> runIds) throws IOException {
    AtomicFiles.deleteTrash(directory);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isDirectory)
          .filter(p -> Files.exists(p.resolve(RUN_FILE)) || Files.exists(p.resolve(MetricsCsv.EPOCH_FILE)))
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith(AtomicFiles.HIDDEN_PREFIX) && !runIds.contains(name))
          .sorted()
          .toList();
    }
  }

  private Optional<RunRecord> readQuietly(String runId) {
    try {
      return read(runId);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // unreadable: as good as interrupted
    }
  }

  /**
   * Whether a stored run has the numbers {@code spec} would have. Runs written before identities were recorded
   * compare by their stored settings, as JSON trees of one encoding (numbers read back from JSON may come back as
   * another boxed type and would compare unequal as records).
   */
  private boolean sameIdentity(RunSpec spec, RunIdentity identity, RunRecord stored) {
    if (stored.identity() != null) {
      return stored.identity().matches(identity);
    }
    try {
      JsonNode storedSpec = json.readTree(runDirectory(spec.runId()).resolve(RUN_FILE)).get("spec");
      return storedSpec != null && storedSpec.equals(json.roundTripTree(RecordMapping.spec(spec)));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Writes {@code experiment.yaml} (the file's text) and {@code experiment.json} (its {@link ExperimentManifest}),
   * replacing earlier versions atomically. Call it after {@link #checkJoinable}. The first {@code experiment.json}
   * of a directory is created exclusively: of two processes of different experiments that both found the directory
   * empty, the second is refused here, before it writes anything.
   *
   * @throws ResultsDirectoryInUseException when another experiment's process wrote the directory's manifest since
   *     {@link #checkJoinable}
   */
  public void writeExperiment(Experiment experiment) throws IOException {
    Files.createDirectories(directory);
    byte[] manifest = json.write(RecordMapping.manifest(experiment));
    Path manifestFile = directory.resolve(EXPERIMENT_FILE);
    if (Files.exists(manifestFile) || !AtomicFiles.createExclusively(manifestFile, manifest)) {
      checkJoinable(experiment);
    }
    String text = experiment.sourceText() == null ? "" : experiment.sourceText();
    AtomicFiles.write(directory.resolve(EXPERIMENT_TEXT_FILE), text.getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(manifestFile, manifest);
  }

  /**
   * Starts recording a run: clears any earlier attempt's directory (renamed aside, then deleted, so no old row can
   * mix with new ones), creates {@code <out>/<run-id>/}, writes {@code structure.json} (when {@code info} has a
   * structure), {@code run.json} with status {@code running} and the CSV headers.
   *
   * @return the writer to pass to the trainer and to end the run with
   * @throws IllegalArgumentException if the run id is not a plain directory name
   */
  public RunWriter start(RunSpec spec, RunStartInfo info) throws IOException {
    return start(spec, info, null, null, 1);
  }

  /**
   * Starts recording a run under {@code claim} (see {@link #acquire}): as {@link #start(RunSpec, RunStartInfo)}, with
   * the identity and the attempt in {@code run.json}, and every write guarded by the claim.
   *
   * @param identity the run's identity, or {@code null} when unknown
   * @param claim the claim held on the run, or {@code null} for a directory with a single writer
   * @param keepCheckpoints how many checkpoints the run keeps
   */
  public RunWriter start(RunSpec spec, RunStartInfo info, RunIdentity identity, HeldClaim claim, int keepCheckpoints)
      throws IOException {
    if (claim != null) {
      claim.ensureHeld();
    }
    Path runDir = runDirectory(spec.runId());
    Files.createDirectories(directory);
    if (Files.exists(runDir)) {
      AtomicFiles.moveAsideAndDelete(runDir, directory);
    }
    Files.createDirectory(runDir);
    // Millisecond timestamps: precise enough, and easier to read than nanoseconds.
    Clock millis = Clock.tick(clock, Duration.ofMillis(1));
    RunRecord record = started(spec, info, millis.instant(), identity,
        claim == null ? null : RunRecord.Attempt.of(claim.record(), null));
    if (!info.structure().isEmpty()) {
      AtomicFiles.write(runDir.resolve(STRUCTURE_FILE), json.write(structure(info)));
    }
    AtomicFiles.write(runDir.resolve(RUN_FILE), json.write(record));
    List<CsvAppender> opened = new ArrayList<>();
    try {
      opened.add(CsvAppender.create(runDir.resolve(MetricsCsv.EPOCH_FILE), MetricsCsv.EPOCH_COLUMNS));
      opened.add(CsvAppender.create(runDir.resolve(MetricsCsv.STEP_FILE), MetricsCsv.STEP_COLUMNS));
      opened.add(CsvAppender.create(runDir.resolve(MetricsCsv.LAYER_FILE), MetricsCsv.LAYER_COLUMNS));
    } catch (IOException | RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
    return new RunWriter(runDir, record, json, millis, claim, opened.get(0), opened.get(1), opened.get(2),
        keepCheckpoints);
  }

  /**
   * Continues recording a run from its checkpoint {@code from} under {@code claim} (see {@link #acquire}): the CSV
   * files are cut to their length at the checkpoint (rows written after it, and a half-written row, go), and
   * {@code run.json} says {@code running} again, naming the new attempt and where it resumed.
   */
  public RunWriter resume(RunSpec spec, RunStartInfo info, RunIdentity identity, HeldClaim claim,
      ResumePoint from, int keepCheckpoints) throws IOException {
    claim.ensureHeld();
    Path runDir = runDirectory(spec.runId());
    // A killed attempt may have left a half-written checkpoint or model (hidden, so never read): reclaim the space.
    AtomicFiles.deleteLeftovers(runDir);
    AtomicFiles.deleteLeftovers(runDir.resolve(ResultsLayout.CHECKPOINTS));
    Clock millis = Clock.tick(clock, Duration.ofMillis(1));
    TrainingPositionRecord at = from.record().position();
    RunRecord record = started(spec, info, millis.instant(), identity,
        RunRecord.Attempt.of(claim.record(), new RunRecord.ResumedAt(at.epoch(), at.stepInEpoch())));
    List<CsvAppender> opened = new ArrayList<>();
    try {
      opened.add(CsvAppender.continueAt(runDir.resolve(MetricsCsv.EPOCH_FILE), from.record().metricsBytes()));
      opened.add(CsvAppender.continueAt(runDir.resolve(MetricsCsv.STEP_FILE), from.record().stepsBytes()));
      opened.add(CsvAppender.continueAt(runDir.resolve(MetricsCsv.LAYER_FILE), from.record().layersBytes()));
      if (!info.structure().isEmpty()) {
        AtomicFiles.write(runDir.resolve(STRUCTURE_FILE), json.write(structure(info)));
      }
      AtomicFiles.write(runDir.resolve(RUN_FILE), json.write(record));
    } catch (IOException | RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
    return new RunWriter(runDir, record, json, millis, claim, opened.get(0), opened.get(1), opened.get(2),
        keepCheckpoints);
  }

  /** The {@code run.json} of a run starting now. */
  private static RunRecord started(RunSpec spec, RunStartInfo info, Instant now, RunIdentity identity,
      RunRecord.Attempt attempt) {
    return RunRecord.started(RecordMapping.spec(spec), info.pluginName(), info.pluginOrigin(),
        info.trainableParameters(), info.macsPerImage(), info.environment(), info.dataset(), now, identity, attempt);
  }

  private static StructureRecord structure(RunStartInfo info) {
    return new StructureRecord(info.structure().stream().map(RecordMapping::layer).toList());
  }

  /** Closes files opened before {@code failure}, adding what their closing throws to it. */
  private static void closeAll(List<CsvAppender> opened, Exception failure) {
    for (CsvAppender file : opened) {
      try {
        file.close();
      } catch (IOException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
  }

  /**
   * The newest checkpoint of run {@code runId} that can be continued: complete ({@value ResultsLayout#CHECKPOINT_FILE}
   * readable, variables present) and consistent with the CSV files (they are at least as long as it recorded).
   */
  public Optional<ResumePoint> latestCheckpoint(String runId) {
    Path runDir = runDirectory(runId);
    Path all = runDir.resolve(ResultsLayout.CHECKPOINTS);
    if (!Files.isDirectory(all)) {
      return Optional.empty();
    }
    List<Path> candidates;
    try (Stream<Path> entries = Files.list(all)) {
      candidates = entries.filter(p -> !p.getFileName().toString().startsWith(AtomicFiles.HIDDEN_PREFIX))
          .sorted(java.util.Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    for (Path dir : candidates) {
      try {
        CheckpointRecord record = json.read(dir.resolve(ResultsLayout.CHECKPOINT_FILE), CheckpointRecord.class);
        boolean complete = Files.isRegularFile(dir.resolve(ResultsLayout.VARIABLES_PREFIX + ".index"))
            && Files.size(runDir.resolve(MetricsCsv.EPOCH_FILE)) >= record.metricsBytes()
            && Files.size(runDir.resolve(MetricsCsv.STEP_FILE)) >= record.stepsBytes()
            && Files.size(runDir.resolve(MetricsCsv.LAYER_FILE)) >= record.layersBytes();
        if (complete) {
          return Optional.of(new ResumePoint(dir.resolve(ResultsLayout.VARIABLES_PREFIX), record));
        }
      } catch (IOException | RuntimeException e) {
        // half-written or damaged: try the one before
      }
    }
    return Optional.empty();
  }

  /**
   * A checkpoint a run can continue from.
   *
   * @param variables the file-name prefix of its variables
   * @param record its {@value ResultsLayout#CHECKPOINT_FILE}
   */
  public record ResumePoint(Path variables, CheckpointRecord record) {

    /** Where the run stood at this checkpoint, to continue it. */
    public TrainingPosition position() {
      return RecordMapping.position(record.position());
    }
  }

  /**
   * The record of run {@code runId}.
   *
   * @return empty when the run has no {@code run.json}
   * @throws IOException when the file exists but cannot be read or parsed
   */
  public Optional<RunRecord> read(String runId) throws IOException {
    Path file = runDirectory(runId).resolve(RUN_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(json.read(file, RunRecord.class));
  }

  private static String checkRunId(String runId) {
    if (runId == null || runId.isEmpty() || runId.startsWith(".") || runId.contains("/") || runId.contains("\\")
        || runId.contains(":")) {
      throw new IllegalArgumentException("run id is not a plain directory name: " + runId);
    }
    return runId;
  }
}
