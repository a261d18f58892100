package dev.convbench.results;

import dev.convbench.training.EpochMetrics;
import dev.convbench.training.StepLoss;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One run as read back from disk.
 *
 * @param directory the run's directory
 * @param record its {@code run.json}
 * @param epochs its complete {@code metrics.csv} rows, in file order
 * @param steps its complete {@code steps.csv} rows, in file order
 */
public record RunResult(Path directory, RunRecord record, List<EpochMetrics> epochs, List<StepLoss> steps) {

  public RunResult {
    epochs = List.copyOf(epochs);
    steps = List.copyOf(steps);
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
  public Optional<EpochMetrics> lastEpoch() {
    return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
  }
}
