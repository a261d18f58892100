package dev.convbench.store;

import dev.convbench.results.AtomicFiles;
import dev.convbench.results.CheckpointRecord;
import dev.convbench.results.CsvAppender;
import dev.convbench.results.MetricsCsv;
import dev.convbench.results.ModelRecord;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.RunRecord;
import dev.convbench.results.RunStatus;
import dev.convbench.training.EpochMetrics;
import dev.convbench.training.LayerStats;
import dev.convbench.training.StepLoss;
import dev.convbench.training.CheckpointSink;
import dev.convbench.training.TrainingListener;
import dev.convbench.training.TrainingPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.time.Clock;
import java.util.Objects;

/**
 * Records one run while it trains. Obtained from {@link ResultStore#start}; register it as (one of) the trainer's
 * {@link TrainingListener}s, then end the run with exactly one of {@link #complete()}, {@link #diverged(String)} or
 * {@link #failed(Throwable)}. What the trainer reports is written as the results format's records
 * ({@link RecordMapping}).
 *
 * <p>{@link #onEpoch} and {@link #onStepLoss} append a row to {@code metrics.csv} / {@code steps.csv} and flush it;
 * {@link #onLayerStats} appends the event's rows (one per layer) to {@code layers.csv} in one write;
 * {@link #onConfusion} replaces {@code confusion.csv} atomically; {@link #onResources} keeps the peak memory for the
 * final {@code run.json}. Listener methods cannot throw checked exceptions, so an I/O error there surfaces as an
 * {@link UncheckedIOException} (the trainer should then call {@link #failed}).
 *
 * <p>{@link #close()} releases the files without deciding the outcome: a run closed without a final status stays
 * {@code running} on disk, exactly as if the process had died, and the next process trains it again. That makes
 * try-with-resources safe. Methods are synchronized so a shutdown hook may end the run from another thread.
 *
 * <p>A writer started under a {@link HeldClaim} checks the claim before every write and throws
 * {@link ClaimLostException} instead of writing once another process has taken the run over.
 */
public final class RunWriter implements TrainingListener, CheckpointSink, AutoCloseable {

  private final Path directory;
  private final ResultsJson json;
  private final Clock clock;
  private final CsvAppender epochs;
  private final CsvAppender steps;
  private final CsvAppender layers;
  private final HeldClaim claim;
  private final int keepCheckpoints;
  private RunRecord record;
  private Long peakResidentBytes;
  private boolean closed;

  RunWriter(Path directory, RunRecord record, ResultsJson json, Clock clock, HeldClaim claim, CsvAppender epochs,
      CsvAppender steps, CsvAppender layers, int keepCheckpoints) {
    this.keepCheckpoints = keepCheckpoints;
    this.directory = directory;
    this.claim = claim;
    this.record = record;
    this.json = json;
    this.clock = clock;
    this.epochs = epochs;
    this.steps = steps;
    this.layers = layers;
  }

  /** The run's identifier. */
  public String runId() {
    return record.runId();
  }

  /** The run's directory, {@code <out>/<run-id>}. */
  public Path directory() {
    return directory;
  }

  /** The run's record as last written to {@code run.json}. */
  public synchronized RunRecord record() {
    return record;
  }

  @Override
  public synchronized void onEpoch(EpochMetrics metrics) {
    append(epochs, MetricsCsv.format(RecordMapping.epoch(metrics)));
  }

  @Override
  public synchronized void onStepLoss(StepLoss loss) {
    append(steps, MetricsCsv.format(RecordMapping.stepLoss(loss)));
  }

  @Override
  public synchronized void onLayerStats(LayerStats stats) {
    if (!stats.layers().isEmpty()) {
      append(layers, MetricsCsv.format(RecordMapping.layerStats(stats)));
    }
  }

  /** Replaces {@code confusion.csv} with this evaluation's matrix. @throws IllegalArgumentException if not square */
  @Override
  public synchronized void onConfusion(int epoch, long[][] counts) {
    checkOpen();
    byte[] content = MetricsCsv.formatConfusion(epoch, counts).getBytes(StandardCharsets.UTF_8);
    try {
      AtomicFiles.write(directory.resolve(MetricsCsv.CONFUSION_FILE), content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the confusion matrix of run " + runId() + " in " + directory, e);
    }
  }

  /** Keeps the peak resident memory; {@code run.json} records it when the run ends (negative values: unknown). */
  @Override
  public synchronized void onResources(long peakResidentBytes) {
    checkOpen();
    this.peakResidentBytes = peakResidentBytes < 0 ? null : peakResidentBytes;
  }

  /**
   * Writes a checkpoint atomically: into a hidden directory first (the variables through {@code variables}, then
   * {@value ResultsLayout#CHECKPOINT_FILE} with the CSV files' lengths), renamed into place when complete; then drops
   * all but the newest {@code keep}. A failure (a full disk) removes the partial checkpoint and leaves the earlier ones intact.
   */
  @Override
  public synchronized void checkpoint(TrainingPosition position, Consumer<Path> variables) throws IOException {
    checkOpen();
    long started = System.nanoTime();
    Path all = directory.resolve(ResultsLayout.CHECKPOINTS);
    Files.createDirectories(all);
    String name = String.format("epoch-%06d-step-%012d", position.epoch(), position.globalStep());
    Path tmp = all.resolve(AtomicFiles.HIDDEN_PREFIX + name + "." + UUID.randomUUID() + ".tmp");
    Files.createDirectory(tmp);
    try {
      try {
        variables.accept(tmp.resolve(ResultsLayout.VARIABLES_PREFIX));
      } catch (RuntimeException e) {
        // TensorFlow reports a failed write as an unchecked error; it is an I/O failure like any other here.
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n'); // TensorFlow appends the failing node and hints on further lines
        throw new IOException("cannot write the variables in " + all.resolve(name) + " ("
            + (newline < 0 ? message : message.substring(0, newline)).strip() + ")", e);
      }
      CheckpointRecord checkpoint = new CheckpointRecord(CheckpointRecord.FORMAT_VERSION, runId(),
          RecordMapping.position(position), epochs.length(), steps.length(), layers.length(),
          clock.instant().toString());
      Files.write(tmp.resolve(ResultsLayout.CHECKPOINT_FILE), json.write(checkpoint));
      guard();
      AtomicFiles.replaceDirectory(tmp, all.resolve(name));
    } catch (IOException | RuntimeException e) {
      AtomicFiles.deleteRecursively(tmp);
      throw e;
    }
    prune(all);
    double seconds = (System.nanoTime() - started) / 1e9;
    appendCheckpointLog(position, seconds);
  }

  private void prune(Path all) throws IOException {
    List<Path> kept;
    try (Stream<Path> entries = Files.list(all)) {
      kept = entries.filter(p -> !p.getFileName().toString().startsWith(AtomicFiles.HIDDEN_PREFIX)).sorted()
          .toList();
    }
    for (Path old : kept.subList(0, Math.max(0, kept.size() - keepCheckpoints))) {
      AtomicFiles.moveAsideAndDelete(old, all);
    }
  }

  private void appendCheckpointLog(TrainingPosition position, double seconds) throws IOException {
    Path log = directory.resolve(ResultsLayout.CHECKPOINT_LOG);
    String header = Files.exists(log) ? "" : MetricsCsv.header(MetricsCsv.CHECKPOINT_COLUMNS) + "\n";
    Files.writeString(log, header + MetricsCsv.formatCheckpoint(position.epoch(), position.stepInEpoch(),
        position.globalStep(), seconds) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Exports a model with the weights of a checkpoint's variables into a directory that does not exist yet. */
  @FunctionalInterface
  public interface ModelWriter {
    void write(Path variables, Path directory) throws IOException;
  }

  /**
   * Replaces the run's {@value ResultsLayout#MODEL} directory with the model {@code export} makes from checkpoint
   * {@code variables} (a file-name prefix): written under a hidden name, then put in the place of the old one, so a
   * reader finds the old model or the new one, complete.
   */
  public synchronized void keepModel(ModelRecord model, Path variables, ModelWriter export) throws IOException {
    checkOpen();
    Path tmp = directory.resolve(AtomicFiles.HIDDEN_PREFIX + ResultsLayout.MODEL + "." + UUID.randomUUID() + ".tmp");
    try {
      export.write(variables, tmp);
      Files.write(tmp.resolve(ResultsLayout.MODEL_FILE), json.write(model));
      guard();
      AtomicFiles.replaceDirectory(tmp, directory.resolve(ResultsLayout.MODEL));
    } catch (IOException | RuntimeException e) {
      if (Files.exists(tmp)) {
        AtomicFiles.deleteRecursively(tmp);
      }
      throw e;
    }
  }

  /**
   * As {@link #keepModel(ModelRecord, Path, ModelWriter)}, from the variables as they are now: {@code save} writes
   * them into a hidden scratch directory of the run first, which is removed afterwards.
   */
  public synchronized void keepModel(ModelRecord model, Consumer<Path> save, ModelWriter export) throws IOException {
    checkOpen();
    Path scratch = directory.resolve(AtomicFiles.HIDDEN_PREFIX + "variables." + UUID.randomUUID() + ".tmp");
    Files.createDirectory(scratch);
    try {
      save.accept(scratch.resolve(ResultsLayout.VARIABLES_PREFIX));
      keepModel(model, scratch.resolve(ResultsLayout.VARIABLES_PREFIX), export);
    } finally {
      AtomicFiles.deleteRecursively(scratch);
    }
  }

  /**
   * Ends this attempt as {@code interrupted}: stopped on request after writing a checkpoint; the next process
   * continues from it.
   *
   * @param reason e.g. {@code stopped at step 120 of epoch 3}
   */
  public synchronized void interrupted(String reason) throws IOException {
    finish(record.interrupted(clock.instant(), Objects.requireNonNull(reason), peakResidentBytes));
  }

  /** Ends the run as {@code completed}. @throws IllegalStateException if the run already ended */
  public synchronized void complete() throws IOException {
    finish(record.completed(clock.instant(), peakResidentBytes));
  }

  /**
   * Ends the run as {@code diverged}: training stopped because the configuration does not train (non-finite loss).
   * Like a completed run, a later process keeps it.
   *
   * @param reason why, e.g. {@code loss is NaN at step 1200}
   */
  public synchronized void diverged(String reason) throws IOException {
    finish(record.diverged(clock.instant(), Objects.requireNonNull(reason), peakResidentBytes));
  }

  /** Ends the run as {@code failed}, recording the error and its stack trace (kept unless failed runs are retried). */
  public synchronized void failed(Throwable error) throws IOException {
    finish(record.failed(clock.instant(), Objects.requireNonNull(error), peakResidentBytes));
  }

  /** Closes the CSV files; leaves {@code run.json} as it is. Idempotent. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      epochs.close();
    } finally {
      try {
        steps.close();
      } finally {
        layers.close();
      }
    }
  }

  private void finish(RunRecord finalRecord) throws IOException {
    if (record.status() != RunStatus.RUNNING) {
      throw new IllegalStateException("run " + runId() + " already ended as " + record.status().id());
    }
    guard();
    // Rows first, status last: a final status in run.json promises that every row is on disk.
    close();
    AtomicFiles.write(directory.resolve(ResultsLayout.RUN_FILE), json.write(finalRecord));
    record = finalRecord;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("run " + runId() + " is closed; no more rows can be recorded");
    }
    guard();
  }

  private void guard() {
    if (claim != null) {
      claim.ensureHeld();
    }
  }

  private void append(CsvAppender file, String row) {
    checkOpen();
    try {
      file.append(row);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record metrics of run " + runId() + " in " + directory, e);
    }
  }
}
