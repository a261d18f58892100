package dev.convbench.results;

import dev.convbench.training.EpochMetrics;
import dev.convbench.training.StepLoss;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The two CSV files of a run: their names, columns, and the conversion of one row to and from text.
 *
 * <p>Format: comma-separated, one header line, {@code \n} line ends, no quoting (every cell is a number). Doubles
 * are written with {@link Double#toString(double)} (shortest text that parses back to the same value, independent of
 * the default locale; non-finite values as {@code NaN}, {@code Infinity}, {@code -Infinity}). Readers map cells by
 * header name, so columns may be added later without breaking them.
 */
public final class MetricsCsv {

  /** File of per-epoch rows. */
  public static final String EPOCH_FILE = "metrics.csv";

  /** File of per-step training-loss rows. */
  public static final String STEP_FILE = "steps.csv";

  /**
   * Columns of {@value #EPOCH_FILE}, one row per epoch, meaning as in {@link EpochMetrics}: accuracies are fractions
   * in [0, 1], times are seconds, {@code images_per_second} is the epoch's training throughput.
   */
  public static final List<String> EPOCH_COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "test_loss",
      "test_accuracy", "learning_rate", "epoch_seconds", "eval_seconds", "cumulative_seconds", "images_per_second");

  /**
   * Columns of {@value #STEP_FILE}, one row every {@code log-every-steps} steps, meaning as in {@link StepLoss}:
   * {@code seconds} is training time since the run started.
   */
  public static final List<String> STEP_COLUMNS = List.of("step", "epoch", "loss", "seconds");

  private MetricsCsv() {}

  static String header(List<String> columns) {
    return String.join(",", columns);
  }

  static String format(EpochMetrics m) {
    return row(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.learningRate(),
        m.epochSeconds(), m.evalSeconds(), m.cumulativeSeconds(), m.imagesPerSecond());
  }

  static String format(StepLoss s) {
    return row(s.step(), s.epoch(), s.loss(), s.seconds());
  }

  /** Parses one {@value #EPOCH_FILE} row. @throws IllegalArgumentException when a cell is missing or malformed */
  static EpochMetrics parseEpoch(Columns c, String[] cells) {
    return new EpochMetrics(c.integer(cells, "epoch"), c.number(cells, "train_loss"),
        c.number(cells, "train_accuracy"), c.number(cells, "test_loss"), c.number(cells, "test_accuracy"),
        c.number(cells, "learning_rate"), c.number(cells, "epoch_seconds"), c.number(cells, "eval_seconds"),
        c.number(cells, "cumulative_seconds"), c.number(cells, "images_per_second"));
  }

  /** Parses one {@value #STEP_FILE} row. @throws IllegalArgumentException when a cell is missing or malformed */
  static StepLoss parseStep(Columns c, String[] cells) {
    return new StepLoss(Long.parseLong(c.cell(cells, "step")), c.integer(cells, "epoch"), c.number(cells, "loss"),
        c.number(cells, "seconds"));
  }

  private static String row(Object... values) {
    StringJoiner joiner = new StringJoiner(",");
    for (Object v : values) {
      // Double.toString / Long.toString never use the default locale, unlike String.format.
      joiner.add(String.valueOf(v));
    }
    return joiner.toString();
  }

  /** Positions of named columns in a file's header. */
  static final class Columns {
    private final Map<String, Integer> index = new HashMap<>();
    private final int count;

    Columns(String headerLine) {
      String[] names = headerLine.split(",", -1);
      for (int i = 0; i < names.length; i++) {
        index.putIfAbsent(names[i].trim(), i);
      }
      count = names.length;
    }

    /** Required columns the header lacks. */
    List<String> missing(List<String> required) {
      return required.stream().filter(name -> !index.containsKey(name)).toList();
    }

    int count() {
      return count;
    }

    String cell(String[] cells, String name) {
      Integer i = index.get(name);
      if (i == null || i >= cells.length) {
        throw new IllegalArgumentException("no value for column " + name);
      }
      return cells[i].trim();
    }

    double number(String[] cells, String name) {
      return Double.parseDouble(cell(cells, name));
    }

    int integer(String[] cells, String name) {
      return Integer.parseInt(cell(cells, name));
    }
  }
}
