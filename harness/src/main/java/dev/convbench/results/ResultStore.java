package dev.convbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.graph.LayerInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes runs into a results directory {@code <out>} (layout: see the {@linkplain dev.convbench.results package}).
 *
 * <p>Typical use by the {@code run} command:
 * <pre>{@code
 * ResultStore store = new ResultStore(out);
 * ResumePlan plan = store.prepare(experiment, resume);     // refuses a non-empty out without resume
 * for (RunSpec spec : plan.toRun()) {
 *   try (RunWriter run = store.start(spec, startInfo)) {
 *     try {
 *       trainer.train(spec, run);                          // run receives onEpoch, onStepLoss, onLayerStats…
 *       run.complete();
 *     } catch (Divergence d) {
 *       run.diverged(d.getMessage());
 *     } catch (Exception e) {
 *       run.failed(e);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Instances hold no state besides the directory and clock; several stores may share a directory as long as they
 * do not write the same run at once.
 */
public final class ResultStore {

  /** A run's metadata file. */
  public static final String RUN_FILE = "run.json";
  /** The experiment file's text, as read. */
  public static final String EXPERIMENT_TEXT_FILE = "experiment.yaml";
  /** The experiment's {@link ExperimentManifest}. */
  public static final String EXPERIMENT_FILE = "experiment.json";
  /** A run's network structure, {@code {"layers": [LayerInfo…]}}; written at start when the structure is known. */
  public static final String STRUCTURE_FILE = "structure.json";

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

  /** {@link #plan} the runs of {@code experiment}, then {@link #writeExperiment write} its files. */
  public ResumePlan prepare(Experiment experiment, boolean resume) throws IOException {
    ResumePlan plan = plan(experiment.runs(), resume);
    writeExperiment(experiment);
    return plan;
  }

  /**
   * Decides which runs to train.
   *
   * <p>Without {@code resume}, the directory must be missing or empty, otherwise a
   * {@link ResultsDirectoryInUseException} is thrown: overwriting results silently would lose them, and mixing two
   * experiments would make the report lie. Every run is then {@link ResumePlan.Action#RUN}.
   *
   * <p>With {@code resume}, a run is {@link ResumePlan.Action#SKIP skipped} when its {@code run.json} says
   * {@code completed} or {@code diverged} and records the same configuration; it is
   * {@link ResumePlan.Action#REDO redone} when it says {@code running} (interrupted) or {@code failed}, when its
   * directory lacks a readable {@code run.json}, or when its configuration differs from {@code runs}' (the
   * experiment file was edited); it is {@link ResumePlan.Action#RUN run} when it has no directory. Nothing is deleted
   * here: {@link #start} clears a redone run's directory.
   *
   * @throws ResultsDirectoryInUseException without {@code resume}, when the directory is not empty
   */
  public ResumePlan plan(List<RunSpec> runs, boolean resume) throws IOException {
    if (!resume && Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new ResultsDirectoryInUseException(directory);
        }
      }
    }
    List<ResumePlan.Decision> decisions = new ArrayList<>();
    Set<String> planned = new HashSet<>();
    for (RunSpec run : runs) {
      planned.add(run.runId());
      decisions.add(resume ? decide(run) : new ResumePlan.Decision(run, ResumePlan.Action.RUN, "new"));
    }
    return new ResumePlan(decisions, resume ? strayRuns(planned) : List.of());
  }

  /**
   * Writes {@code experiment.yaml} (the file's text) and {@code experiment.json} (its {@link ExperimentManifest}),
   * replacing earlier versions atomically. Call it after {@link #plan}, which checks that the directory is empty.
   */
  public void writeExperiment(Experiment experiment) throws IOException {
    Files.createDirectories(directory);
    String text = experiment.sourceText() == null ? "" : experiment.sourceText();
    AtomicFiles.write(directory.resolve(EXPERIMENT_TEXT_FILE), text.getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(directory.resolve(EXPERIMENT_FILE), json.write(ExperimentManifest.of(experiment)));
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
    Path runDir = runDirectory(spec.runId());
    Files.createDirectories(directory);
    if (Files.exists(runDir)) {
      AtomicFiles.moveAsideAndDelete(runDir, directory);
    }
    Files.createDirectory(runDir);
    // Millisecond timestamps: precise enough, and easier to read than nanoseconds.
    Clock millis = Clock.tick(clock, Duration.ofMillis(1));
    RunRecord record = RunRecord.started(spec, info, millis.instant());
    if (!info.structure().isEmpty()) {
      AtomicFiles.write(runDir.resolve(STRUCTURE_FILE), json.write(new Structure(info.structure())));
    }
    AtomicFiles.write(runDir.resolve(RUN_FILE), json.write(record));
    List<CsvAppender> opened = new ArrayList<>();
    try {
      opened.add(new CsvAppender(runDir.resolve(MetricsCsv.EPOCH_FILE), MetricsCsv.EPOCH_COLUMNS));
      opened.add(new CsvAppender(runDir.resolve(MetricsCsv.STEP_FILE), MetricsCsv.STEP_COLUMNS));
      opened.add(new CsvAppender(runDir.resolve(MetricsCsv.LAYER_FILE), MetricsCsv.LAYER_COLUMNS));
    } catch (IOException | RuntimeException e) {
      for (CsvAppender file : opened) {
        try {
          file.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new RunWriter(runDir, record, json, millis, opened.get(0), opened.get(1), opened.get(2));
  }

  /**
   * The content of {@value #STRUCTURE_FILE}.
   *
   * @param layers the network's layers in build order, as {@code convbench describe} lists them
   */
  record Structure(List<LayerInfo> layers) {
    Structure {
      layers = layers == null ? List.of() : List.copyOf(layers);
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

  private ResumePlan.Decision decide(RunSpec run) throws IOException {
    Path runDir = runDirectory(run.runId());
    if (!Files.exists(runDir)) {
      return new ResumePlan.Decision(run, ResumePlan.Action.RUN, "new");
    }
    RunRecord record;
    try {
      Optional<RunRecord> stored = read(run.runId());
      if (stored.isEmpty()) {
        return new ResumePlan.Decision(run, ResumePlan.Action.REDO, "no " + RUN_FILE);
      }
      record = stored.get();
    } catch (IOException e) {
      return new ResumePlan.Decision(run, ResumePlan.Action.REDO, "unreadable " + RUN_FILE + ": " + e.getMessage());
    }
    if (!record.status().isFinal()) {
      String why = record.status() == RunStatus.RUNNING ? "interrupted (status running)" : "status "
          + record.status().id();
      return new ResumePlan.Decision(run, ResumePlan.Action.REDO, why);
    }
    if (!sameConfiguration(run, runDir.resolve(RUN_FILE))) {
      return new ResumePlan.Decision(run, ResumePlan.Action.REDO,
          "configuration changed since it " + record.status().id());
    }
    return new ResumePlan.Decision(run, ResumePlan.Action.SKIP, record.status().id());
  }

  /**
   * Compares as JSON trees, both produced by the same encoding, rather than as records: numbers read back from JSON
   * may come back as another boxed type (Integer for a Long) and would compare unequal.
   */
  private boolean sameConfiguration(RunSpec run, Path runFile) throws IOException {
    JsonNode stored = json.readTree(runFile).get("spec");
    return stored != null && stored.equals(json.roundTripTree(run));
  }

  private List<String> strayRuns(Set<String> planned) throws IOException {
    AtomicFiles.deleteTrash(directory);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith(AtomicFiles.HIDDEN_PREFIX) && !planned.contains(name))
          .sorted()
          .toList();
    }
  }

  private static String checkRunId(String runId) {
    if (runId == null || runId.isEmpty() || runId.startsWith(".") || runId.contains("/") || runId.contains("\\")
        || runId.contains(":")) {
      throw new IllegalArgumentException("run id is not a plain directory name: " + runId);
    }
    return runId;
  }
}
