package dev.convbench.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The CSV files of a run: their names, columns, and the conversion of one row to and from text.
 *
 * <p>Format: comma-separated, one header line, {@code \n} line ends. Doubles are written with
 * {@link Double#toString(double)} (shortest text that parses back to the same value, independent of the default
 * locale; non-finite values as {@code NaN}, {@code Infinity}, {@code -Infinity}). Every cell is a number or a word
 * without commas, except the {@code layer} name of {@value #LAYER_FILE}: a name holding a comma or a double quote is
 * quoted as in RFC 4180 ({@code "a,b"}, quotes doubled), and line breaks in a name are written as spaces. Readers map
 * cells by header name, so columns may be added later without breaking them.
 */
public final class MetricsCsv {

  /** File of per-epoch rows. */
  public static final String EPOCH_FILE = "metrics.csv";

  /** File of per-step training-loss rows. */
  public static final String STEP_FILE = "steps.csv";

  /**
   * Columns of {@value #EPOCH_FILE}, one row per epoch, meaning as in {@link EpochRecord}: accuracies are fractions
   * in [0, 1], times are seconds, {@code images_per_second} is the epoch's training throughput.
   */
  public static final List<String> EPOCH_COLUMNS = List.of("epoch", "train_loss", "train_accuracy", "test_loss",
      "test_accuracy", "learning_rate", "epoch_seconds", "eval_seconds", "cumulative_seconds", "images_per_second",
      "train_eval_loss", "train_eval_accuracy", "overhead_seconds");

  /**
   * The columns of {@value #EPOCH_FILE} every version wrote. The others ({@code train_eval_loss},
   * {@code train_eval_accuracy}) may be missing in files from versions that did not record them, and then read as
   * {@code NaN}.
   */
  static final List<String> EPOCH_REQUIRED = EPOCH_COLUMNS.subList(0, 10);

  /**
   * Columns of {@value #STEP_FILE}, one row every {@code log-every-steps} steps, meaning as in {@link StepLossRecord}:
   * {@code seconds} is training time since the run started.
   */
  public static final List<String> STEP_COLUMNS = List.of("step", "epoch", "loss", "seconds");

  /** File of per-layer diagnostics ({@link LayerStatsRecord}), long format: one row per layer per event. */
  public static final String LAYER_FILE = "layers.csv";

  /**
   * Columns of {@value #LAYER_FILE}: {@code kind} is {@code sample} (one step, every {@code log-every-steps} steps)
   * or {@code epoch} (the epoch's mean gradient norm, its final weight norm, the mean update ratio of its samples);
   * {@code step} is the 1-based global step (an epoch row: the epoch's last step); {@code layer_index} is the
   * 0-based position of the layer in network order; norms are L2 norms over all of the layer's trainable variables;
   * {@code update_ratio} is ‖w after − w before‖ / ‖w before‖ ({@code NaN} when not measured). The rows of one event
   * are written together, in {@code layer_index} order.
   */
  public static final List<String> LAYER_COLUMNS = List.of("kind", "step", "epoch", "layer_index", "layer",
      "gradient_norm", "weight_norm", "update_ratio");

  /**
   * File of the latest evaluation's confusion matrix, replaced atomically after every evaluation. Columns
   * {@code epoch,true_label,pred_0,…,pred_<k-1>}: one row per true label {@code 0…k-1}, cell {@code pred_j} counts
   * the evaluation images of that label predicted as {@code j}; {@code epoch} (the same on every row) says which
   * evaluation it is.
   */
  public static final String CONFUSION_FILE = "confusion.csv";

  /**
   * Columns of {@value ResultsLayout#CHECKPOINT_LOG}, one row per checkpoint written: where training stood
   * ({@link TrainingPositionRecord}) and the seconds the checkpoint took.
   */
  public static final List<String> CHECKPOINT_COLUMNS = List.of("epoch", "step_in_epoch", "global_step", "seconds");

  private MetricsCsv() {}

  /** The header line of a file with {@code columns}. */
  public static String header(List<String> columns) {
    return String.join(",", columns);
  }

  /** One {@value #EPOCH_FILE} row, without line break. */
  public static String format(EpochRecord m) {
    return row(m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.learningRate(),
        m.epochSeconds(), m.evalSeconds(), m.cumulativeSeconds(), m.imagesPerSecond(), m.trainEvalLoss(),
        m.trainEvalAccuracy(), m.overheadSeconds());
  }

  /**
   * The {@value #LAYER_FILE} rows of one {@link LayerStatsRecord} event, joined by {@code \n} (no trailing line
   * break); empty for no layer.
   */
  public static String format(LayerStatsRecord s) {
    StringJoiner rows = new StringJoiner("\n");
    for (int i = 0; i < s.layers().size(); i++) {
      rows.add(row(kindName(s.kind()), s.step(), s.epoch(), i, quote(s.layers().get(i)), s.gradientNorms()[i],
          s.weightNorms()[i], s.updateRatios()[i]));
    }
    return rows.toString();
  }

  /** The whole {@value #CONFUSION_FILE}, header included, ending with a line break. */
  public static String formatConfusion(int epoch, long[][] counts) {
    int k = counts.length;
    List<String> header = new ArrayList<>(List.of("epoch", "true_label"));
    for (int j = 0; j < k; j++) {
      header.add("pred_" + j);
    }
    StringBuilder out = new StringBuilder(header(header)).append('\n');
    for (int i = 0; i < k; i++) {
      if (counts[i].length != k) {
        throw new IllegalArgumentException("confusion matrix is not square: row " + i + " has " + counts[i].length
            + " values for " + k + " labels");
      }
      StringJoiner row = new StringJoiner(",");
      row.add(Integer.toString(epoch)).add(Integer.toString(i));
      for (long c : counts[i]) {
        row.add(Long.toString(c));
      }
      out.append(row).append('\n');
    }
    return out.toString();
  }

  /** One {@value #STEP_FILE} row, without line break. */
  public static String format(StepLossRecord s) {
    return row(s.step(), s.epoch(), s.loss(), s.seconds());
  }

  /** One {@value ResultsLayout#CHECKPOINT_LOG} row, without line break. */
  public static String formatCheckpoint(int epoch, int stepInEpoch, long globalStep, double seconds) {
    return row(epoch, stepInEpoch, globalStep, seconds);
  }

  /** Parses one {@value #EPOCH_FILE} row. @throws IllegalArgumentException when a cell is missing or malformed */
  static EpochRecord parseEpoch(Columns c, String[] cells) {
    return new EpochRecord(c.integer(cells, "epoch"), c.number(cells, "train_loss"),
        c.number(cells, "train_accuracy"), c.number(cells, "test_loss"), c.number(cells, "test_accuracy"),
        c.number(cells, "learning_rate"), c.number(cells, "epoch_seconds"), c.number(cells, "eval_seconds"),
        c.number(cells, "cumulative_seconds"), c.number(cells, "images_per_second"),
        c.optionalNumber(cells, "train_eval_loss"), c.optionalNumber(cells, "train_eval_accuracy"),
        c.optionalNumber(cells, "overhead_seconds"));
  }

  /**
   * One {@value #LAYER_FILE} row.
   *
   * @param kind the event kind
   * @param step global step
   * @param epoch epoch
   * @param index position of the layer in network order
   * @param layer layer name
   * @param gradientNorm gradient norm
   * @param weightNorm weight norm
   * @param updateRatio update-to-weight ratio
   */
  record LayerRow(LayerStatsRecord.Kind kind, long step, int epoch, int index, String layer, double gradientNorm,
      double weightNorm, double updateRatio) {}

  /** Parses one {@value #LAYER_FILE} row. @throws IllegalArgumentException when a cell is missing or malformed */
  static LayerRow parseLayer(Columns c, String[] cells) {
    String kind = c.cell(cells, "kind");
    LayerStatsRecord.Kind k = switch (kind) {
      case "sample" -> LayerStatsRecord.Kind.SAMPLE;
      case "epoch" -> LayerStatsRecord.Kind.EPOCH;
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
    int index = c.integer(cells, "layer_index");
    if (index < 0) {
      throw new IllegalArgumentException("negative layer_index " + index);
    }
    return new LayerRow(k, Long.parseLong(c.cell(cells, "step")), c.integer(cells, "epoch"), index,
        c.cell(cells, "layer"), c.number(cells, "gradient_norm"), c.number(cells, "weight_norm"),
        c.number(cells, "update_ratio"));
  }

  /** How a kind is written: {@code sample} or {@code epoch}. */
  static String kindName(LayerStatsRecord.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** A text cell: quoted (RFC 4180) when it holds a comma or a quote; line breaks become spaces. */
  static String quote(String text) {
    String flat = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    if (flat.indexOf(',') < 0 && flat.indexOf('"') < 0) {
      return flat;
    }
    return '"' + flat.replace("\"", "\"\"") + '"';
  }

  /**
   * Splits a line into cells, undoing {@link #quote}: a cell starting with {@code "} runs to the matching quote,
   * {@code ""} inside it standing for one quote.
   *
   * @throws IllegalArgumentException for a quoted cell without its closing quote, or text after the closing quote
   */
  static String[] split(String line) {
    if (line.indexOf('"') < 0) {
      return line.split(",", -1);
    }
    List<String> cells = new ArrayList<>();
    int i = 0;
    while (true) {
      if (i < line.length() && line.charAt(i) == '"') {
        StringBuilder cell = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= line.length()) {
            throw new IllegalArgumentException("quoted cell without closing quote");
          }
          char ch = line.charAt(j);
          if (ch == '"') {
            if (j + 1 < line.length() && line.charAt(j + 1) == '"') {
              cell.append('"');
              j += 2;
              continue;
            }
            break;
          }
          cell.append(ch);
          j++;
        }
        cells.add(cell.toString());
        i = j + 1;
        if (i < line.length() && line.charAt(i) != ',') {
          throw new IllegalArgumentException("text after a quoted cell");
        }
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? line.length() : comma;
        cells.add(line.substring(i, end));
        i = end;
      }
      if (i >= line.length()) {
        return cells.toArray(String[]::new);
      }
      i++; // past the comma
    }
  }

  /** Parses one {@value #STEP_FILE} row. @throws IllegalArgumentException when a cell is missing or malformed */
  static StepLossRecord parseStep(Columns c, String[] cells) {
    return new StepLossRecord(Long.parseLong(c.cell(cells, "step")), c.integer(cells, "epoch"), c.number(cells, "loss"),
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

    /** A number from a column older files may lack: {@code NaN} when the header has no such column. */
    double optionalNumber(String[] cells, String name) {
      return index.containsKey(name) ? number(cells, name) : Double.NaN;
    }

    boolean has(String name) {
      return index.containsKey(name);
    }

    int integer(String[] cells, String name) {
      return Integer.parseInt(cell(cells, name));
    }
  }
}
