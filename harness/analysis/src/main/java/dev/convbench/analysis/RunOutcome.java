package dev.convbench.analysis;

import dev.convbench.results.RunResult;
import dev.convbench.results.EpochRecord;
import java.util.List;

/**
 * The numbers the report derives from one run's epochs. Values are {@code null} when the run recorded no epoch.
 *
 * @param run the run
 * @param finalAccuracy test accuracy after the last recorded epoch
 * @param bestAccuracy highest test accuracy over the recorded epochs
 * @param epochs recorded epochs
 * @param trainingSeconds training seconds up to the last recorded epoch (evaluation excluded)
 * @param imagesPerSecond mean training throughput over the epochs, the first excluded when there are several (it
 *     includes graph building and warm-up)
 * @param target target accuracy of the run's config, {@code null} when none
 * @param epochsToTarget first epoch whose test accuracy reached the target, {@code null} when not reached
 * @param secondsToTarget training seconds up to that epoch, {@code null} when not reached
 * @param overheadSeconds seconds of the training loops outside the timed steps (diagnostics sampling, listeners,
 *     progress, file writes), summed over the epochs that recorded it; {@code null} when none did
 */
public record RunOutcome(RunResult run, Double finalAccuracy, Double bestAccuracy, int epochs, Double trainingSeconds,
    Double imagesPerSecond, Double target, Integer epochsToTarget, Double secondsToTarget, Double overheadSeconds) {

  /** Derives the outcome of {@code run}. */
  public static RunOutcome of(RunResult run) {
    List<EpochRecord> epochs = run.epochs();
    Double target = run.record().spec() == null ? null : run.record().spec().training().targetAccuracy();
    if (epochs.isEmpty()) {
      return new RunOutcome(run, null, null, 0, null, null, target, null, null, null);
    }
    EpochRecord last = epochs.get(epochs.size() - 1);
    double best = epochs.stream().mapToDouble(EpochRecord::testAccuracy).max().orElseThrow();
    List<EpochRecord> steady = epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
    double throughput = steady.stream().mapToDouble(EpochRecord::imagesPerSecond).average().orElseThrow();
    Integer epochsToTarget = null;
    Double secondsToTarget = null;
    if (target != null) {
      for (EpochRecord m : epochs) {
        if (m.testAccuracy() >= target) {
          epochsToTarget = m.epoch();
          secondsToTarget = m.cumulativeSeconds();
          break;
        }
      }
    }
    double[] overheads = epochs.stream().mapToDouble(EpochRecord::overheadSeconds).filter(Double::isFinite)
        .toArray();
    Double overhead = overheads.length == 0 ? null : java.util.Arrays.stream(overheads).sum();
    return new RunOutcome(run, last.testAccuracy(), best, epochs.size(), last.cumulativeSeconds(), throughput, target,
        epochsToTarget, secondsToTarget, overhead);
  }

  public boolean reachedTarget() {
    return epochsToTarget != null;
  }
}
