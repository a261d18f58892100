package dev.convbench.training;

import java.util.List;

/**
 * Per-layer training diagnostics, in network order: how large the gradients, the weights and the updates are at
 * each depth (gradient flow). One "layer" groups the trainable variables of one toolkit layer, e.g.
 * {@code layer1/block1/conv1} (its kernel) or {@code layer1/block1/bn1} (gamma and beta).
 *
 * @param kind {@link Kind#SAMPLE} (one step) or {@link Kind#EPOCH} (a whole epoch)
 * @param step the 1-based global step of a sample; for an epoch, its last step
 * @param epoch 1-based epoch
 * @param layers layer names in network order
 * @param gradientNorms L2 norm of the layer's gradient (all its variables together): at the step for a sample, the
 *     mean over every step of the epoch for an epoch row
 * @param weightNorms L2 norm of the layer's weights after the step (sample) or at the end of the epoch
 * @param updateRatios ‖w after − w before‖ / ‖w before‖ of the step (sample) or the mean of the epoch's samples
 *     (NaN when the epoch had no sample)
 */
public record LayerStats(Kind kind, long step, int epoch, List<String> layers, double[] gradientNorms,
    double[] weightNorms, double[] updateRatios) {

  /** Whether a row describes one step or a whole epoch. */
  public enum Kind { SAMPLE, EPOCH }

  public LayerStats {
    layers = List.copyOf(layers);
    if (gradientNorms.length != layers.size() || weightNorms.length != layers.size()
        || updateRatios.length != layers.size()) {
      throw new IllegalArgumentException("one value per layer expected");
    }
  }
}
