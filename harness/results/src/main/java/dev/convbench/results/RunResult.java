package dev.convbench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run as read back from disk. Files a run did not write (older runs, runs without diagnostics) read as empty.
 *
 * @param directory the run's directory
 * @param record its {@code run.json}
 * @param epochs its complete {@code metrics.csv} rows, in file order
 * @param steps its complete {@code steps.csv} rows, in file order
 * @param layerStats its {@code layers.csv} events, in file order (each the rows of one kind, step and epoch, layers
 *     in {@code layer_index} order); empty when the file is missing or has no row
 * @param confusion its {@code confusion.csv}, the latest evaluation's matrix; {@code null} when missing or unreadable
 * @param structure its {@code structure.json} layers, in network order; empty when missing or unreadable
 * @param diskBytes bytes its directory takes (metrics, checkpoints, the kept model); -1 when unknown
 */
public record RunResult(Path directory, RunRecord record, List<EpochRecord> epochs, List<StepLossRecord> steps,
    List<LayerStatsRecord> layerStats, ConfusionMatrix confusion, List<LayerRecord> structure, long diskBytes) {

  public RunResult {
    epochs = List.copyOf(epochs);
    steps = List.copyOf(steps);
    layerStats = List.copyOf(layerStats);
    structure = List.copyOf(structure);
  }

  /** A run without diagnostics, confusion matrix or structure. */
  public RunResult(Path directory, RunRecord record, List<EpochRecord> epochs, List<StepLossRecord> steps) {
    this(directory, record, epochs, steps, List.of(), null, List.of(), -1);
  }

  public String runId() {
    return record.runId();
  }

  public RunStatus status() {
    return record.status();
  }

  /** The cell's label, or the run id if the record has no spec. */
  public String label() {
    return record.spec() != null && record.spec().label() != null ? record.spec().label() : record.runId();
  }

  /** The last recorded epoch, empty when the run recorded none. */
  public Optional<EpochRecord> lastEpoch() {
    return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
  }

  /** The latest evaluation's confusion matrix, if the run recorded one. */
  public Optional<ConfusionMatrix> confusionMatrix() {
    return Optional.ofNullable(confusion);
  }

  /** The layer-statistics events of one kind, in file order. */
  public List<LayerStatsRecord> layerStats(LayerStatsRecord.Kind kind) {
    return layerStats.stream().filter(s -> s.kind() == kind).toList();
  }
}
