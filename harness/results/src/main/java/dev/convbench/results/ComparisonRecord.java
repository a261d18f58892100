package dev.convbench.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code comparison.json}, written by {@code convbench compare --out}: two experiment summaries
 * ({@link ExperimentSummary}) compared cell by cell, and the gates checked, in a documented, versioned format for CI
 * tools. Numbers that do not exist (an untested metric's p-value, a missing side's mean) are {@code null}.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion {@value #FORMAT_VERSION} for this release; a reader refuses a newer one
 * @param generatedAt ISO-8601 instant the comparison was made
 * @param base the base side
 * @param candidate the new side (JSON name {@code new})
 * @param test the test applied to each metric, in words
 * @param alpha the significance level: a change is significant when its adjusted p is below it
 * @param adjustment how each metric's p-values over the matched cells were adjusted together ({@code none}, or the
 *     method's name)
 * @param cells the matched cells, in the base's order
 * @param onlyInBase labels of the cells only the base holds
 * @param onlyInNew labels of the cells only the new side holds
 * @param gates the gates checked, as {@code --fail-on} took them ({@code accuracy-drop=1pp})
 * @param allowUnderpowered whether gated metrics that could not be tested were accepted
 * @param gateChecks every gate on every matched cell
 * @param verdict {@code passed}, {@code failed} (a gate failed: exit code 4) or {@code no gates}
 */
public record ComparisonRecord(String format, int formatVersion, String generatedAt, Side base,
    @JsonProperty("new") Side candidate, String test, double alpha, String adjustment, List<Cell> cells,
    List<String> onlyInBase, List<String> onlyInNew, List<String> gates, boolean allowUnderpowered,
    List<GateCheck> gateChecks, String verdict) {

  /** The {@link #format} marker. */
  public static final String FORMAT = "convbench-comparison";

  /** The version this release writes. */
  public static final int FORMAT_VERSION = 1;

  public ComparisonRecord {
    cells = cells == null ? List.of() : List.copyOf(cells);
    onlyInBase = onlyInBase == null ? List.of() : List.copyOf(onlyInBase);
    onlyInNew = onlyInNew == null ? List.of() : List.copyOf(onlyInNew);
    gates = gates == null ? List.of() : List.copyOf(gates);
    gateChecks = gateChecks == null ? List.of() : List.copyOf(gateChecks);
  }

  /**
   * One side of the comparison.
   *
   * @param name what the outputs call it: the experiment's name, or the label given on the command line
   * @param source the file or directory it was read from
   * @param experiment the summary's experiment name
   * @param definition the summary's definition digest, {@code null} when unknown
   * @param generatedAt when the summary was written
   * @param machines the machines its runs executed on
   */
  public record Side(String name, String source, String experiment, String definition, String generatedAt,
      List<Environment> machines) {

    public Side {
      machines = machines == null ? List.of() : List.copyOf(machines);
    }
  }

  /**
   * A cell both sides hold.
   *
   * @param label its label
   * @param metrics its metrics compared, those neither side measured left out
   */
  public record Cell(String label, List<Metric> metrics) {

    public Cell {
      metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
  }

  /**
   * One metric of a cell, base against new.
   *
   * @param name the {@link MetricResult} name
   * @param unit the unit of the means ({@link MetricResult#unit()})
   * @param higherIsBetter whether a larger value is an improvement
   * @param baseN the base's number of values
   * @param baseMean their mean, {@code null} when none
   * @param newN the new side's number of values
   * @param newMean their mean
   * @param change the change in {@code changeUnit}: new − base in percentage points for accuracies; for times and
   *     epochs the ratio of geometric means minus one, in percent
   * @param changeUnit {@code percentage points} or {@code percent}
   * @param changeInterval the change's 95 % confidence interval {@code [low, high]}, same unit; empty when untested
   * @param p Welch's two-sided p-value (on the logs for percent changes), {@code null} when untested
   * @param adjustedP {@code p} after the adjustment: what the verdict reads
   * @param hedgesG Hedges' g of new against base (of the logs for percent changes)
   * @param verdict {@code better}, {@code worse}, {@code no significant change}, {@code cannot test} or
   *     {@code missing}
   * @param reason why it could not be tested or is missing, else empty
   */
  public record Metric(String name, String unit, boolean higherIsBetter, int baseN, Double baseMean, int newN,
      Double newMean, Double change, String changeUnit, List<Double> changeInterval, Double p, Double adjustedP,
      Double hedgesG, String verdict, String reason) {

    public Metric {
      changeInterval = changeInterval == null ? List.of() : List.copyOf(changeInterval);
    }
  }

  /**
   * One gate on one matched cell.
   *
   * @param gate the gate ({@code step-time=+10%})
   * @param label the cell
   * @param outcome {@code passed}, {@code failed}, {@code untested} or {@code not applicable}
   * @param reason why, in a phrase
   */
  public record GateCheck(String gate, String label, String outcome, String reason) {}
}
