package dev.convbench.results;

import java.util.List;

/**
 * One event of {@value MetricsCsv#LAYER_FILE}: per-layer gradient and weight norms and update ratios at one step
 * ({@link Kind#SAMPLE}) or over one epoch ({@link Kind#EPOCH}), in network order. The file holds one row per layer;
 * the reader groups the rows of one event into one record.
 *
 * @param kind a sample of one step, or an epoch's means
 * @param step the 1-based global step of a sample; for an epoch, its last step
 * @param epoch 1-based epoch
 * @param layers layer names in network order
 * @param gradientNorms L2 norm of each layer's gradient (all its variables together)
 * @param weightNorms L2 norm of each layer's weights
 * @param updateRatios ‖w after − w before‖ / ‖w before‖ of each layer; {@code NaN} when not measured
 */
public record LayerStatsRecord(Kind kind, long step, int epoch, List<String> layers, double[] gradientNorms,
    double[] weightNorms, double[] updateRatios) {

  /** Whether an event describes one step or a whole epoch; written {@code sample} or {@code epoch}. */
  public enum Kind { SAMPLE, EPOCH }

  public LayerStatsRecord {
    layers = List.copyOf(layers);
    if (gradientNorms.length != layers.size() || weightNorms.length != layers.size()
        || updateRatios.length != layers.size()) {
      throw new IllegalArgumentException("one value per layer expected");
    }
  }
}
