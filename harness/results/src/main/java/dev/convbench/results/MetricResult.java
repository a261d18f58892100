package dev.convbench.results;

import java.util.List;

/**
 * One metric of a cell over its completed runs: the score, its uncertainty and the values it comes from.
 *
 * @param name the metric's name, one of the constants here
 * @param unit what the values measure: {@code fraction} (accuracy, 0–1), {@code epochs}, {@code seconds},
 *     {@code images/s}
 * @param higherIsBetter whether a larger value is an improvement
 * @param aggregation how {@link #score} is computed from the values: {@code mean}, or for epochs and seconds to the
 *     target with at least 5 runs that reached it {@code mlperf-trimmed-mean} (MLPerf Training's rule: the fastest
 *     and the slowest run dropped, the rest averaged)
 * @param n the number of values
 * @param score the aggregate of the values, {@code null} when there are none
 * @param std the values' sample standard deviation (divisor n − 1, every value), {@code null} for n &lt; 2
 * @param scoreError half the width of the 95 % confidence interval of the score: for a {@code mean} Student's t with
 *     n − 1 degrees of freedom, for an {@code mlperf-trimmed-mean} the Tukey–McLaughlin interval of the trimmed mean
 *     (winsorized standard deviation, n − 3 degrees of freedom); {@code null} for n &lt; 2
 * @param scoreConfidence that interval as {@code [low, high]}, empty for n &lt; 2
 * @param values the per-run values the score is computed from, every one (a trimmed score keeps the dropped ones)
 */
public record MetricResult(String name, String unit, boolean higherIsBetter, String aggregation, int n, Double score,
    Double std, Double scoreError, List<Double> scoreConfidence, List<Value> values) {

  /** Test accuracy after the last epoch: the primary metric. */
  public static final String FINAL_ACCURACY = "finalAccuracy";
  /** Highest test accuracy over the epochs. */
  public static final String BEST_ACCURACY = "bestAccuracy";
  /** First epoch at the target accuracy, over the runs that reached it. */
  public static final String EPOCHS_TO_TARGET = "epochsToTarget";
  /** Training seconds to the target accuracy, over the runs that reached it. */
  public static final String SECONDS_TO_TARGET = "secondsToTarget";
  /** Training seconds (evaluation excluded). */
  public static final String TRAINING_SECONDS = "trainingSeconds";
  /** Training throughput, the first epoch excluded when there are several. */
  public static final String IMAGES_PER_SECOND = "imagesPerSecond";
  /** Seconds per training step: batch size over throughput. */
  public static final String STEP_SECONDS = "stepSeconds";

  public MetricResult {
    scoreConfidence = scoreConfidence == null ? List.of() : List.copyOf(scoreConfidence);
    values = values == null ? List.of() : List.copyOf(values);
  }

  /**
   * One run's value.
   *
   * @param runId the run's id
   * @param seed its seed, {@code null} when unknown
   * @param value the value
   * @param streamSeeds the seeds of the run's weight initialisation, data order and augmentation, {@code null} when
   *     unknown
   */
  public record Value(String runId, Long seed, double value, StreamSeeds streamSeeds) {

    /** The value of a run whose stream seeds are unknown. */
    public Value(String runId, Long seed, double value) {
      this(runId, seed, value, null);
    }
  }

  /** The values alone, in order. */
  public double[] rawValues() {
    return values.stream().mapToDouble(Value::value).toArray();
  }
}
