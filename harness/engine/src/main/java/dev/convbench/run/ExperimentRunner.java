package dev.convbench.run;

import dev.convbench.data.DataException;
import dev.convbench.data.DataFingerprint;
import dev.convbench.data.Dataset;
import dev.convbench.data.DatasetLoader;
import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.store.ClaimLostException;
import dev.convbench.store.ClaimSettings;
import dev.convbench.store.Claims;
import dev.convbench.results.Counted;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.Environment;
import dev.convbench.store.HeldClaim;
import dev.convbench.results.ModelRecord;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.store.ResultStore;
import dev.convbench.results.RunIdentity;
import dev.convbench.results.RunStatus;
import dev.convbench.store.RecordMapping;
import dev.convbench.store.RunIdentities;
import dev.convbench.store.RunStartInfo;
import dev.convbench.store.RunState;
import dev.convbench.store.RunWriter;
import dev.convbench.data.ImageSet;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.CheckpointException;
import dev.convbench.training.CheckpointPolicy;
import dev.convbench.training.CheckpointSink;
import dev.convbench.training.ModelExport;
import dev.convbench.training.PreparedRun;
import dev.convbench.training.Trainer;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingOutcome;
import dev.convbench.training.TrainingPosition;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs an experiment's matrix, or this process's share of it, in a results directory that other processes may be
 * writing at the same time (see {@link ResultStore} and {@link Claims}). Each run is isolated from the others: a run
 * whose plugin throws (while building or training) is recorded as failed and the matrix goes on; a run whose loss
 * diverges stops and is recorded as diverged. Results are written as they come, so an interrupted matrix resumes
 * without losing or repeating a finished run.
 */
public final class ExperimentRunner {

  private final PluginRegistry plugins;
  private final DatasetLoader datasets;
  private final Trainer trainer;
  private final RunProgress progress;
  private final EnvironmentDetector environments;
  private final ProcessIdentity self;
  private final Clock clock;
  private final Map<Path, String> fingerprints = new HashMap<>();

  @Inject
  public ExperimentRunner(PluginRegistry plugins, DatasetLoader datasets, Trainer trainer, RunProgress progress,
      EnvironmentDetector environments, ProcessIdentity self, Clock clock) {
    this.plugins = plugins;
    this.datasets = datasets;
    this.trainer = trainer;
    this.progress = progress;
    this.environments = environments;
    this.self = self;
    this.clock = clock;
  }

  /**
   * How this process works on a matrix.
   *
   * @param claims heartbeat and stale timeout of claims
   * @param retryFailed train runs that failed before again (otherwise they stay failed)
   * @param waitForOthers keep going until every run is finished, waiting for runs other processes hold (they may
   *     go stale and need taking over); otherwise leave them to their holders
   * @param poll how often to look again while waiting
   */
  public record Options(ClaimSettings claims, boolean retryFailed, boolean waitForOthers, Duration poll,
      CheckpointPolicy checkpoints, StopSignal stop, KeepModels keepModels) {
    public Options {
      Objects.requireNonNull(claims);
      Objects.requireNonNull(poll);
      Objects.requireNonNull(checkpoints);
      Objects.requireNonNull(stop);
      Objects.requireNonNull(keepModels);
    }

    /** One pass over the runs, as {@code run} does. */
    public static Options once(ClaimSettings claims, boolean retryFailed) {
      return new Options(claims, retryFailed, false, Duration.ZERO, CheckpointPolicy.defaults(), new StopSignal(),
          KeepModels.LAST);
    }

    /** Keeps going until every run is finished, as {@code worker} does. */
    public static Options untilFinished(ClaimSettings claims, boolean retryFailed, Duration poll) {
      return new Options(claims, retryFailed, true, poll, CheckpointPolicy.defaults(), new StopSignal(),
          KeepModels.LAST);
    }

    public Options withCheckpoints(CheckpointPolicy policy, StopSignal signal, KeepModels models) {
      return new Options(claims, retryFailed, waitForOthers, poll, policy, signal, models);
    }
  }

  /**
   * How the runs of this process's share ended.
   *
   * @param completed trained to the end here
   * @param diverged trained here and diverged
   * @param failed trained here and failed
   * @param kept finished before (completed or diverged) and kept
   * @param keptFailed failed before and left failed (no retry asked)
   * @param heldElsewhere left to other live processes, with who holds them
   * @param lost taken over by another process while training here (this process's claim went stale)
   * @param superseded runs of an earlier version of the file moved under {@code superseded/}
   * @param interrupted the run stopped by a signal (checkpointed; the matrix stopped there), or null
   */
  public record Summary(int completed, int diverged, int failed, int kept, int keptFailed,
      List<String> heldElsewhere, int lost, List<Path> superseded, String interrupted) {

    public Summary {
      heldElsewhere = List.copyOf(heldElsewhere);
      superseded = List.copyOf(superseded);
    }

    /** True when no run of the share failed or diverged here, and none is left failed. */
    public boolean allCompleted() {
      return diverged == 0 && failed == 0 && keptFailed == 0 && lost == 0 && interrupted == null;
    }
  }

  /**
   * Works on {@code share} (runs of {@code experiment}) in {@code store}: keeps finished runs, trains the others
   * that no live process holds.
   *
   * @throws DataException when the data set cannot be read (before anything is written)
   * @throws IOException when results cannot be written
   * @throws dev.convbench.store.ResultsDirectoryInUseException when the directory holds something else
   */
  public Summary run(Experiment experiment, List<RunSpec> share, ResultStore store, Options options)
      throws DataException, IOException {
    store.checkJoinable(experiment);
    Map<String, RunIdentity> identities = new LinkedHashMap<>();
    for (RunSpec spec : share) {
      identities.put(spec.runId(), RunIdentities.of(spec, fingerprint(spec.dataset())));
    }
    Tally tally = new Tally();
    AtomicReference<HeldClaim> current = new AtomicReference<>();
    // SIGTERM (scancel, an eviction) and Ctrl-C end the JVM through its shutdown hooks: let go of the run at once,
    // so a requeued task or another worker can take it over without waiting for the claim to go stale.
    Thread releaseOnExit = new Thread(() -> {
      HeldClaim held = current.get();
      if (held != null) {
        try {
          held.release(RunStatus.INTERRUPTED.id());
        } catch (IOException | RuntimeException e) {
          // the process is ending; the claim then goes stale instead
        }
      }
    }, "convbench-release-claim");
    Runtime.getRuntime().addShutdownHook(releaseOnExit);
    try (Claims claims = new Claims(store.directory(), options.claims(), self, clock)) {
      Share work = new Share(share, identities, store, claims, options, tally, current,
          trainer.withThreads(experiment.threads()).withDevice(experiment.device()));
      // Read the data before writing anything when there is something to train: a missing or corrupt data set must
      // fail before the directory is touched.
      work.loadDataIfAnyTrainable();
      store.writeExperiment(experiment);
      setAsideStrays(experiment, store, claims, tally);
      String lastWait = "";
      while (!options.stop().requested()) {
        Pass pass = work.pass();
        if (tally.interrupted != null) {
          break;
        }
        if (pass.raced()) {
          continue; // another process claimed a run first: look again to see who holds it, or that it is done
        }
        String held = pass.heldElsewhere().stream().map(st -> st.run().runId() + " (" + st.reason() + ")")
            .collect(Collectors.joining("; "));
        if (pass.heldElsewhere().isEmpty() || (!options.waitForOthers() && !pass.trainedOne())) {
          pass.heldElsewhere().forEach(st -> tally.heldElsewhere.add(st.run().runId() + ": " + st.reason()));
          if (!held.isEmpty()) {
            progress.message(Counted.of(pass.heldElsewhere().size(), "run") + " left to the processes holding them: " + held);
          }
          break;
        }
        if (!pass.trainedOne()) {
          // Said once per change, not once per poll: a worker may wait for hours while others train.
          String waiting = pass.heldElsewhere().stream().map(st -> st.run().runId()).collect(Collectors.joining(","));
          if (!waiting.equals(lastWait)) {
            progress.message("waiting for " + Counted.of(pass.heldElsewhere().size(), "run") + " held by other processes: " + held);
            lastWait = waiting;
          }
          sleep(options.poll());
        }
      }
      // Whoever finishes rewrites the experiment's files, so they describe the file the last process ran.
      store.writeExperiment(experiment);
      if (!tally.superseded.isEmpty()) {
        progress.message(Counted.of(tally.superseded.size(), "run") + " of an earlier version of the file kept in "
            + store.directory().resolve(ResultsLayout.SUPERSEDED_DIRECTORY) + "; not in this report");
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(releaseOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs now
      }
    }
    return tally.summary();
  }

  /**
   * What one look over the share found.
   *
   * @param trainedOne a run was trained in this pass
   * @param heldElsewhere runs live processes hold
   * @param raced a run was claimed by another process between looking and claiming
   */
  private record Pass(boolean trainedOne, List<RunState> heldElsewhere, boolean raced) {}

  /** This process's share of the matrix while it works on it: the runs, what it has done, the data it has read. */
  private final class Share {
    private final List<RunSpec> runs;
    private final Map<String, RunIdentity> identities;
    private final ResultStore store;
    private final Claims claims;
    private final Options options;
    private final Tally tally;
    private final AtomicReference<HeldClaim> current;
    private final Trainer sessions;
    private final Set<String> finished = new HashSet<>();
    private Dataset dataset;
    private DatasetOptions loaded;

    Share(List<RunSpec> runs, Map<String, RunIdentity> identities, ResultStore store, Claims claims, Options options,
        Tally tally, AtomicReference<HeldClaim> current, Trainer sessions) {
      this.sessions = sessions;
      this.runs = runs;
      this.identities = identities;
      this.store = store;
      this.claims = claims;
      this.options = options;
      this.tally = tally;
      this.current = current;
    }

    void loadDataIfAnyTrainable() throws IOException, DataException {
      for (RunSpec spec : runs) {
        if (store.inspect(spec, identities.get(spec.runId()), claims).trainable(options.retryFailed())) {
          data(spec.dataset());
          return;
        }
      }
    }

    /** Looks at every run not finished yet: keeps, leaves, or claims and trains each. */
    Pass pass() throws IOException, DataException {
      List<RunState> heldElsewhere = new ArrayList<>();
      boolean trainedOne = false;
      boolean raced = false;
      for (int i = 0; i < runs.size() && !options.stop().requested(); i++) {
        RunSpec spec = runs.get(i);
        if (finished.contains(spec.runId())) {
          continue;
        }
        RunIdentity identity = identities.get(spec.runId());
        RunState state = store.inspect(spec, identity, claims);
        String prefix = String.format("[%d/%d] %s", i + 1, runs.size(), spec.runId());
        if (!state.trainable(options.retryFailed())) {
          switch (state.kind()) {
            case DONE -> {
              tally.kept++;
              finished.add(spec.runId());
              progress.message(prefix + ": kept (" + state.reason() + ")");
            }
            case FAILED -> {
              tally.keptFailed++;
              finished.add(spec.runId());
              progress.message(prefix + ": left failed (" + state.reason() + "); --retry-failed trains it again");
            }
            case HELD -> heldElsewhere.add(state);
            default -> throw new AssertionError(state.kind());
          }
          continue;
        }
        var acquired = store.acquire(state, identity, claims, options.retryFailed());
        if (acquired.isEmpty()) {
          raced = true;
          continue;
        }
        if (state.kind() == RunState.Kind.STALE) {
          progress.message(prefix + ": taking over (" + state.reason() + ")");
        }
        if (acquired.get().supersededTo() != null) {
          tally.superseded.add(acquired.get().supersededTo());
          progress.message(prefix + ": the earlier result, " + state.reason() + ", is kept in "
              + acquired.get().supersededTo() + "; training it with the file's settings");
        }
        try (HeldClaim held = acquired.get().claim()) {
          current.set(held);
          Optional<RunStatus> ended = runOne(sessions, store, spec, identity, acquired.get(), data(spec.dataset()),
              i + 1, runs.size(), options);
          held.release(ended.map(RunStatus::id).orElse(LOST));
          tally.count(ended);
          if (ended.equals(Optional.of(RunStatus.INTERRUPTED))) {
            tally.interrupted = spec.runId();
            return new Pass(true, List.of(), false);
          }
        } finally {
          current.set(null);
        }
        finished.add(spec.runId());
        trainedOne = true;
        if (options.stop().requested()) {
          tally.interrupted = spec.runId(); // the signal came as the run ended: stop the matrix here
          return new Pass(true, List.of(), false);
        }
      }
      return new Pass(trainedOne, heldElsewhere, raced);
    }

    private Dataset data(DatasetOptions options) throws DataException {
      if (!Objects.equals(options, loaded)) {
        dataset = null; // free the previous set before reading the next
        dataset = datasets.load(options);
        loaded = options;
      }
      return dataset;
    }
  }

  /** Moves runs the file no longer lists under {@code superseded/}, each under its claim; live ones stay. */
  private void setAsideStrays(Experiment experiment, ResultStore store, Claims claims, Tally tally)
      throws IOException {
    Set<String> ids = experiment.runs().stream().map(RunSpec::runId).collect(Collectors.toSet());
    for (String stray : store.strayRuns(ids)) {
      Claims.Observation seen = claims.observe(stray);
      if (seen.state() == Claims.State.HELD) {
        progress.message("note: " + store.directory().resolve(stray) + " is not a run of this file and is held by "
            + seen.holderDescription() + "; left as it is");
        continue;
      }
      var claim = claims.claim(seen);
      if (claim.isEmpty()) {
        continue;
      }
      try (HeldClaim held = claim.get()) {
        if (!Files.exists(store.runDirectory(stray))) {
          held.release("kept");
          continue;
        }
        held.ensureHeld();
        dev.convbench.results.RunRecord record;
        try {
          record = store.read(stray).orElse(null);
        } catch (IOException | RuntimeException unreadable) {
          record = null; // damaged, or written by a newer release: moved all the same, named ".old"
        }
        Path moved = store.supersede(stray, record);
        held.release("superseded");
        tally.superseded.add(moved);
      }
    }
  }

  private String fingerprint(DatasetOptions options) throws DataException {
    Path dir = datasets.locate(options).toAbsolutePath().normalize();
    String known = fingerprints.get(dir);
    if (known == null) {
      known = DataFingerprint.of(dir);
      fingerprints.put(dir, known);
    }
    return known;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(10, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for other processes", e);
    }
  }

  /** The claim outcome of an attempt whose run another process took over ({@link ClaimLostException}). */
  private static final String LOST = "lost";

  private static final class Tally {
    int completed;
    int diverged;
    int failed;
    int kept;
    int keptFailed;
    int lost;
    String interrupted;
    final List<String> heldElsewhere = new ArrayList<>();
    final List<Path> superseded = new ArrayList<>();

    /** Counts an attempt that ended with {@code ended}, or was taken over (empty). */
    void count(Optional<RunStatus> ended) {
      if (ended.isEmpty()) {
        lost++;
        return;
      }
      switch (ended.get()) {
        case COMPLETED -> completed++;
        case DIVERGED -> diverged++;
        case FAILED -> failed++;
        case INTERRUPTED -> { }
        case RUNNING -> throw new AssertionError("an attempt never ends as running");
      }
    }

    Summary summary() {
      return new Summary(completed, diverged, failed, kept, keptFailed, heldElsewhere, lost, superseded, interrupted);
    }
  }

  /**
   * Trains a claimed run and records how it ended.
   *
   * @return the status this attempt left the run in, or empty when another process took the run over while it
   *     trained (this process's claim went stale), in which case this process wrote nothing more
   */
  private Optional<RunStatus> runOne(Trainer sessions, ResultStore store, RunSpec spec, RunIdentity identity,
      ResultStore.Acquired acquired, Dataset dataset, int index, int total, Options options) throws IOException {
    try {
      return Optional.of(train(sessions, store, spec, identity, acquired, dataset, index, total, options));
    } catch (ClaimLostException e) {
      progress.message(String.format("[%d/%d] %s: %s", index, total, spec.runId(), e.getMessage()));
      return Optional.empty();
    }
  }

  private RunStatus train(Trainer sessions, ResultStore store, RunSpec spec, RunIdentity identity,
      ResultStore.Acquired acquired, Dataset dataset, int index, int total, Options options) throws IOException {
    HeldClaim claim = acquired.claim();
    int keep = options.checkpoints().keep();
    DiscoveredPlugin plugin = plugins.require(spec.architecture());
    DatasetFacts facts = RecordMapping.facts(dataset);
    PreparedRun prepared;
    try {
      HyperParameters params = HyperParameters.resolve(plugin.plugin().hyperParameters(), spec.hyperParameters());
      prepared = sessions.prepare(plugin.plugin(), params, spec.training(), dataset, spec.seeds());
    } catch (RuntimeException | Error e) {
      try (RunWriter writer = store.start(spec, info(sessions, plugin, null, facts), identity, claim, keep)) {
        writer.failed(e);
      }
      progress.message(String.format("[%d/%d] %s: FAILED while building: %s", index, total, spec.runId(),
          firstLine(e)));
      return RunStatus.FAILED;
    }
    ResultStore.ResumePoint from = acquired.resumeFrom();
    RunStartInfo info = info(sessions, plugin, prepared, facts);
    try (prepared; RunWriter writer = from == null ? store.start(spec, info, identity, claim, keep)
            : store.resume(spec, info, identity, claim, from, keep);
        RunProgress.RunListener shown = progress.startRun(spec, index, total)) {
      if (from != null) {
        TrainingPosition at = from.position();
        progress.message(String.format("[%d/%d] %s: resumed at epoch %d of %d%s", index, total, spec.runId(),
            at.epoch(), spec.training().epochs(), at.stepInEpoch() == 0 ? "" : ", step " + at.stepInEpoch()));
      }
      ModelKeeper models = new ModelKeeper(writer, plugin.plugin(), spec, options.keepModels());
      try {
        TrainingOutcome outcome = prepared.run(TrainingListener.all(writer, shown),
            from == null ? null : from.variables(), from == null ? null : from.position(),
            options.checkpoints(), models, options.stop()::requested, writer.directory());
        switch (outcome.status()) {
          case DIVERGED -> {
            writer.diverged(outcome.reason());
            progress.message(String.format("[%d/%d] %s: DIVERGED: %s", index, total, spec.runId(),
                outcome.reason()));
            return RunStatus.DIVERGED;
          }
          case INTERRUPTED -> {
            writer.interrupted(outcome.reason());
            progress.message(String.format("[%d/%d] %s: interrupted (%s); checkpoint written", index, total,
                spec.runId(), outcome.reason()));
            return RunStatus.INTERRUPTED;
          }
          default -> {
            if (options.keepModels() == KeepModels.LAST) {
              models.keepLast(store.latestCheckpoint(spec.runId()).orElseThrow(() -> new IllegalStateException(
                  "run " + spec.runId() + " completed without a final checkpoint")));
            }
            writer.complete();
            return RunStatus.COMPLETED;
          }
        }
      } catch (ClaimLostException e) {
        throw e;
      } catch (RuntimeException | Error e) {
        if (claim.lost()) {
          claim.ensureHeld(); // throws: the error came from a write the claim refused, not from the run
        }
        writer.failed(e);
        progress.message(String.format("[%d/%d] %s: FAILED: %s", index, total, spec.runId(), firstLine(e)));
        if (isResultsWriteFailure(e)) {
          // The results directory cannot be written (a full disk, permissions): every further run would fail the
          // same way, through no fault of its own. Stop here; the runs continue from their checkpoints later.
          throw e;
        }
        return RunStatus.FAILED;
      }
    }
  }

  /**
   * The run's checkpoints, and the model it keeps: {@code best} is exported at every new best epoch (from the
   * variables as they are then), {@code last} from the final checkpoint once the run completed.
   */
  private static final class ModelKeeper implements CheckpointSink {
    private final RunWriter writer;
    private final ArchitecturePlugin plugin;
    private final RunSpec spec;
    private final KeepModels keep;

    ModelKeeper(RunWriter writer, ArchitecturePlugin plugin, RunSpec spec, KeepModels keep) {
      this.writer = writer;
      this.plugin = plugin;
      this.spec = spec;
      this.keep = keep;
    }

    @Override
    public void checkpoint(TrainingPosition position, Consumer<Path> variables) throws IOException {
      writer.checkpoint(position, variables);
    }

    @Override
    public boolean wantsBestEpochs() {
      return keep == KeepModels.BEST;
    }

    @Override
    public void bestEpoch(int epoch, double accuracy, Consumer<Path> variables) throws IOException {
      writer.keepModel(record(KeepModels.BEST, epoch, accuracy), variables, this::export);
    }

    void keepLast(ResultStore.ResumePoint last) throws IOException {
      TrainingPosition at = last.position();
      writer.keepModel(record(KeepModels.LAST, at.epoch() - 1, at.lastAccuracy()), last.variables(), this::export);
    }

    private static ModelRecord record(KeepModels kind, int epoch, double accuracy) {
      return new ModelRecord(kind.id(), epoch, accuracy, ModelExport.SIGNATURE, ModelExport.INPUT
          + ": uint8 [n, 32, 32, 3], RGB pixels 0-255, height x width x channel", ModelExport.OUTPUT
          + ": float32 [n, " + ImageSet.CLASSES + "]");
    }

    private void export(Path variables, Path directory) throws IOException {
      ModelExport.export(plugin, HyperParameters.resolve(plugin.hyperParameters(), spec.hyperParameters()),
          ImageSet.CLASSES, spec.training().augmentation().normalize(), variables, directory);
    }
  }

  /** The exception and its message's first line: TensorFlow's messages go on for lines. */
  private static String firstLine(Throwable e) {
    String text = e.toString();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** Whether {@code e} says that the run's files could not be written, rather than that the run itself failed. */
  private static boolean isResultsWriteFailure(Throwable e) {
    return e instanceof CheckpointException || e instanceof UncheckedIOException;
  }

  /** What a run records at its start; {@code prepared} is null when the network could not be built. */
  private RunStartInfo info(Trainer sessions, DiscoveredPlugin plugin, PreparedRun prepared, DatasetFacts facts) {
    Environment environment = environments.of(sessions.device());
    return prepared == null
        ? new RunStartInfo(plugin.name(), plugin.origin().toString(), 0, 0, List.of(), environment, facts)
        : new RunStartInfo(plugin.name(), plugin.origin().toString(), prepared.parameterCount(),
            prepared.macsPerImage(), prepared.structure(), environment, facts);
  }
}
