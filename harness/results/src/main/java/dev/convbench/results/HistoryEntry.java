package dev.convbench.results;

import java.util.List;

/**
 * One commit's results of one experiment, as CI keeps them to draw trends over commits: a small file per commit and
 * experiment in a history directory ({@link HistoryFiles} names, writes and reads them). It holds what a trend needs
 * and no per-run data: the full results stay in the run's {@value ResultsLayout#SUMMARY_FILE}.
 *
 * <p>CI machines differ, so speed is kept twice: as measured, next to the machine's description, and relative to a
 * {@linkplain Yardstick yardstick} (a fixed {@code convbench bench} measurement) timed in the same job, which is
 * comparable between machines as far as the yardstick's step and the cells' slow down alike.
 *
 * @param format always {@value #FORMAT}, so a reader can tell the file apart from other JSON
 * @param formatVersion {@value #FORMAT_VERSION} for this release; a reader skips an entry of a newer version
 * @param experiment the experiment's name, as in its summary
 * @param definition the experiment's definition digest, {@code null} when unknown: a changed digest means the cells
 *     were trained differently before and after
 * @param commit the commit the results were trained from (full or abbreviated hexadecimal hash)
 * @param label a human label for the commit (a tag, "base", a note that the hash is made up), {@code null} for none
 * @param branch the branch the commit was on, {@code null} when not given
 * @param commitTime ISO-8601 instant of the commit, {@code null} when not given; entries are ordered by it first
 * @param recordedAt ISO-8601 instant the entry was written
 * @param machines the machines and software the runs executed on, from the summary
 * @param yardstick the yardstick measured in the same job, {@code null} when none was given
 * @param cells every cell of the experiment, in the summary's order
 */
public record HistoryEntry(String format, int formatVersion, String experiment, String definition, String commit,
    String label, String branch, String commitTime, String recordedAt, List<Environment> machines,
    Yardstick yardstick, List<Cell> cells) {

  /** The {@link #format} marker. */
  public static final String FORMAT = "convbench-history";

  /** The version this release writes. */
  public static final int FORMAT_VERSION = 1;

  public HistoryEntry {
    machines = machines == null ? List.of() : List.copyOf(machines);
    cells = cells == null ? List.of() : List.copyOf(cells);
  }

  /** The commit's first 7 characters, as {@code git log --oneline} shows it. */
  public String shortCommit() {
    return commit == null ? "" : commit.substring(0, Math.min(7, commit.length()));
  }

  /**
   * The yardstick: {@code convbench bench} of one fixed architecture, batch and number of steps on random images, in
   * the same job as the experiment. The field names are those of {@code bench --json}, so its output is read as is.
   *
   * @param architecture the architecture timed
   * @param batchSize images per step
   * @param timedSteps steps timed after warm-up
   * @param precision the arithmetic precision of the step, e.g. {@code FP32}
   * @param device the device it ran on, e.g. {@code CPU}
   * @param threads TensorFlow's threads, as {@code bench} prints them
   * @param availableProcessors logical processors visible to the JVM
   * @param medianStepMs median step time, milliseconds
   * @param p25StepMs first quartile of the step times, milliseconds
   * @param p75StepMs third quartile of the step times, milliseconds
   * @param minStepMs fastest step, milliseconds
   * @param maxStepMs slowest step, milliseconds
   * @param imagesPerSecond batch size over the median step time
   */
  public record Yardstick(String architecture, Integer batchSize, Integer timedSteps, String precision,
      String device, String threads, Integer availableProcessors, Double medianStepMs, Double p25StepMs,
      Double p75StepMs, Double minStepMs, Double maxStepMs, Double imagesPerSecond) {}

  /**
   * One cell at one commit.
   *
   * @param label the cell's label, its key over commits
   * @param architecture the architecture plugin's name
   * @param targetAccuracy the cell's target test accuracy, {@code null} when it has none
   * @param completedRuns how many of its runs completed
   * @param finalAccuracy final test accuracy over the completed runs
   * @param epochsToTarget first epoch at the target, over the runs that reached it ({@code n} of them)
   * @param secondsToTarget training seconds to the target, over the runs that reached it
   * @param imagesPerSecond training throughput
   * @param stepSeconds seconds per training step
   * @param relativeThroughput images/s divided by the yardstick's images/s (its median step), score, spread and
   *     interval alike; {@code null} without a yardstick. The yardstick's own spread is not in the interval.
   */
  public record Cell(String label, String architecture, Double targetAccuracy, int completedRuns,
      Metric finalAccuracy, Metric epochsToTarget, Metric secondsToTarget, Metric imagesPerSecond,
      Metric stepSeconds, Metric relativeThroughput) {}

  /**
   * A metric over a cell's runs at one commit.
   *
   * @param n the number of values
   * @param score their mean
   * @param std their sample standard deviation, {@code null} for n &lt; 2
   * @param interval the 95 % confidence interval of the mean as {@code [low, high]}, empty for n &lt; 2
   */
  public record Metric(int n, Double score, Double std, List<Double> interval) {

    public Metric {
      interval = interval == null ? List.of() : List.copyOf(interval);
    }

    /** The metric as a summary holds it, without the per-run values. */
    public static Metric of(MetricResult m) {
      return new Metric(m.n(), m.score(), m.std(), m.scoreConfidence());
    }

    /** This metric divided by {@code divisor} (a positive number). */
    public Metric dividedBy(double divisor) {
      return new Metric(n, score == null ? null : score / divisor, std == null ? null : std / divisor,
          interval.stream().map(v -> v / divisor).toList());
    }
  }
}
