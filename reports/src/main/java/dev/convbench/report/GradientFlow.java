package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.SampleStats;
import dev.convbench.results.LayerRecord;
import dev.convbench.results.RunResult;
import dev.convbench.results.LayerStatsRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gradient-flow numbers of one cell, from the {@code layers.csv} of its charted runs ({@link Curves#charted}).
 *
 * <p>Layers are in network order (the order of the first run's rows). Batch-normalisation layers are left out of
 * every number here: their trainable variables (scale and shift) are the normalisation's, and their gradients say
 * little about how much signal reaches the weights at that depth; mixing them in would make every other row of a
 * ResNet's heat map a different kind of quantity. A layer is batch normalisation when the run's
 * {@code structure.json} lists it with a {@code BatchNorm…} operation, or, without a structure, when its last name
 * segment is {@code bn}, {@code norm} or {@code batchnorm} (optionally followed by digits).
 *
 * @param cell the cell
 * @param runs the runs the numbers are over (charted runs with layer statistics)
 * @param layers the layers kept, in network order
 * @param leftOut the batch-normalisation layers left out
 * @param epochs the epochs with an epoch-mean row, ascending
 * @param epochMeans {@code epochMeans[layer][epochIndex]}: the epoch-mean gradient norm averaged over the runs;
 *     {@code NaN} where no run has the value
 * @param groups gradient norm of the first, middle and last third of {@link #layers} (each the mean of its layers'
 *     norms), mean ± std over runs, against the step (samples) or, without samples, the epoch
 * @param groupsBySteps whether {@link #groups} are against steps
 * @param firstLayerByEpoch the first layer's epoch-mean gradient norm by epoch, mean ± std over runs
 * @param depthProfile the gradient norm of every layer at the runs' last epoch against relative depth (0 = first
 *     layer, 1 = last), mean ± std over runs
 */
record GradientFlow(CellSummary cell, List<RunResult> runs, List<String> layers, List<String> leftOut,
    List<Integer> epochs, double[][] epochMeans, List<Curve> groups, boolean groupsBySteps, Curve firstLayerByEpoch,
    Curve depthProfile) {

  private static final Pattern BATCH_NORM_NAME = Pattern.compile("(?i)(bn|norm|batch_?norm)\\d*");

  /** The cell's gradient flow; empty when none of its charted runs recorded layer statistics. */
  static Optional<GradientFlow> of(CellSummary cell) {
    List<RunResult> runs = Curves.charted(cell).stream()
        .filter(r -> !r.layerStats(LayerStatsRecord.Kind.EPOCH).isEmpty() || !r.layerStats(LayerStatsRecord.Kind.SAMPLE)
            .isEmpty())
        .toList();
    if (runs.isEmpty()) {
      return Optional.empty();
    }
    Set<String> order = new LinkedHashSet<>();
    runs.forEach(r -> r.layerStats().forEach(s -> order.addAll(s.layers())));
    List<LayerRecord> structure = runs.stream().map(RunResult::structure).filter(s -> !s.isEmpty()).findFirst()
        .orElse(List.of());
    List<String> kept = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    for (String layer : order) {
      (isBatchNorm(layer, structure) ? leftOut : kept).add(layer);
    }
    if (kept.isEmpty()) { // only normalisation layers: show them rather than nothing
      kept.addAll(leftOut);
      leftOut.clear();
    }

    TreeSet<Integer> epochSet = new TreeSet<>();
    runs.forEach(r -> r.layerStats(LayerStatsRecord.Kind.EPOCH).forEach(s -> epochSet.add(s.epoch())));
    List<Integer> epochs = List.copyOf(epochSet);
    double[][] means = new double[kept.size()][epochs.size()];
    for (int l = 0; l < kept.size(); l++) {
      for (int e = 0; e < epochs.size(); e++) {
        List<Double> values = new ArrayList<>();
        for (RunResult run : runs) {
          value(run, LayerStatsRecord.Kind.EPOCH, epochs.get(e), kept.get(l)).ifPresent(values::add);
        }
        means[l][e] = values.isEmpty() ? Double.NaN
            : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      }
    }

    boolean bySteps = runs.stream().anyMatch(r -> !r.layerStats(LayerStatsRecord.Kind.SAMPLE).isEmpty());
    List<Curve> groups = new ArrayList<>();
    for (Map.Entry<String, List<String>> group : groups(kept).entrySet()) {
      Map<Long, List<double[]>> byKey = new TreeMap<>();
      for (RunResult run : runs) {
        for (LayerStatsRecord s : run.layerStats(bySteps ? LayerStatsRecord.Kind.SAMPLE : LayerStatsRecord.Kind.EPOCH)) {
          double v = groupMean(s, group.getValue());
          long key = bySteps ? s.step() : s.epoch();
          Curves.add(byKey, key, (double) key, v);
        }
      }
      groups.add(Curves.downsample(Curves.aggregate(group.getKey(), runs, byKey), Curves.MAX_POINTS));
    }

    Map<Long, List<double[]>> first = new TreeMap<>();
    for (RunResult run : runs) {
      for (LayerStatsRecord s : run.layerStats(LayerStatsRecord.Kind.EPOCH)) {
        int i = s.layers().indexOf(kept.get(0));
        if (i >= 0) {
          Curves.add(first, s.epoch(), s.epoch(), s.gradientNorms()[i]);
        }
      }
    }
    Map<Long, List<double[]>> depth = new TreeMap<>();
    for (RunResult run : runs) {
      List<LayerStatsRecord> epochRows = run.layerStats(LayerStatsRecord.Kind.EPOCH);
      if (epochRows.isEmpty()) {
        continue;
      }
      LayerStatsRecord last = epochRows.get(epochRows.size() - 1);
      for (int l = 0; l < kept.size(); l++) {
        int i = last.layers().indexOf(kept.get(l));
        if (i >= 0) {
          double x = kept.size() == 1 ? 0 : (double) l / (kept.size() - 1);
          Curves.add(depth, l, x, last.gradientNorms()[i]);
        }
      }
    }
    return Optional.of(new GradientFlow(cell, runs, List.copyOf(kept), List.copyOf(leftOut), epochs, means,
        List.copyOf(groups), bySteps, Curves.aggregate(cell.label(), runs, first),
        Curves.aggregate(cell.label(), runs, depth)));
  }

  /**
   * The first, middle and last third of {@code layers} by name, e.g. {@code first third (layers 1–7)}: thirds of
   * {@code round(n / 3)} layers at each end, the rest in the middle; one group for a single layer, two for two.
   */
  static Map<String, List<String>> groups(List<String> layers) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    int n = layers.size();
    if (n == 1) {
      groups.put("the only layer", layers);
      return groups;
    }
    if (n == 2) {
      groups.put("first layer", layers.subList(0, 1));
      groups.put("last layer", layers.subList(1, 2));
      return groups;
    }
    int k = Math.max(1, (int) Math.round(n / 3.0));
    groups.put(range("first", 0, k), layers.subList(0, k));
    if (n - 2 * k > 0) {
      groups.put(range("middle", k, n - k), layers.subList(k, n - k));
    }
    groups.put(range("last", n - k, n), layers.subList(n - k, n));
    return groups;
  }

  private static String range(String which, int from, int to) {
    return to - from == 1 ? String.format(Locale.ROOT, "%s (layer %d)", which, from + 1)
        : String.format(Locale.ROOT, "%s (layers %d–%d)", which, from + 1, to);
  }

  /** The first kept layer's epoch-mean gradient norm of a run, averaged over its epochs from 2 on (NaN if none). */
  double firstLayerAfterEpochOne(RunResult run) {
    String layer = layers.get(0);
    return run.layerStats(LayerStatsRecord.Kind.EPOCH).stream().filter(s -> s.epoch() >= 2)
        .map(s -> indexValue(s, layer)).filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).average()
        .orElse(Double.NaN);
  }

  /** The mean over epochs from 2 on of (first group's norm / last group's norm), per run; NaN without such epochs. */
  double firstToLastAfterEpochOne(RunResult run) {
    List<List<String>> g = List.copyOf(groups(layers).values());
    if (g.size() < 2) {
      return Double.NaN;
    }
    return run.layerStats(LayerStatsRecord.Kind.EPOCH).stream().filter(s -> s.epoch() >= 2)
        .mapToDouble(s -> groupMean(s, g.get(0)) / groupMean(s, g.get(g.size() - 1)))
        .filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** Whether any run has epoch-mean rows from epoch 2 on. */
  boolean hasEpochsAfterTheFirst() {
    return epochs.stream().anyMatch(e -> e >= 2);
  }

  /** The smallest and largest positive finite value of {@link #epochMeans}, or empty when there is none. */
  Optional<double[]> range() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : epochMeans) {
      for (double v : row) {
        if (v > 0 && Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return min <= max ? Optional.of(new double[] {min, max}) : Optional.empty();
  }

  /** Layer names without the prefix every kept name shares up to a {@code /} (e.g. {@code model/}). */
  List<String> shortNames() {
    if (layers.size() < 2) {
      return layers;
    }
    String prefix = layers.get(0);
    for (String l : layers) {
      while (!l.startsWith(prefix)) {
        prefix = prefix.substring(0, prefix.length() - 1);
      }
    }
    int cut = prefix.lastIndexOf('/') + 1;
    return layers.stream().map(l -> l.substring(cut)).toList();
  }

  static boolean isBatchNorm(String layer, List<LayerRecord> structure) {
    LayerRecord match = null;
    for (LayerRecord info : structure) {
      if ((layer.equals(info.name()) || layer.endsWith("/" + info.name()))
          && (match == null || info.name().length() > match.name().length())) {
        match = info;
      }
    }
    if (match != null) {
      return match.op() != null && match.op().startsWith("BatchNorm");
    }
    String last = layer.substring(layer.lastIndexOf('/') + 1);
    return BATCH_NORM_NAME.matcher(last).matches();
  }

  private static Optional<Double> value(RunResult run, LayerStatsRecord.Kind kind, int epoch, String layer) {
    for (LayerStatsRecord s : run.layerStats(kind)) {
      if (s.epoch() == epoch) {
        double v = indexValue(s, layer);
        if (Double.isFinite(v)) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  private static double indexValue(LayerStatsRecord s, String layer) {
    int i = s.layers().indexOf(layer);
    return i < 0 ? Double.NaN : s.gradientNorms()[i];
  }

  private static double groupMean(LayerStatsRecord s, List<String> group) {
    double sum = 0;
    int n = 0;
    for (String layer : group) {
      double v = indexValue(s, layer);
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Per-run values as statistics, e.g. {@code stats(flow::firstLayerAfterEpochOne)}; NaN values left out. */
  SampleStats stats(Function<RunResult, Double> perRun) {
    return SampleStats.of(runs.stream().map(perRun).filter(v -> v != null && Double.isFinite(v))
        .mapToDouble(Double::doubleValue).toArray());
  }
}
