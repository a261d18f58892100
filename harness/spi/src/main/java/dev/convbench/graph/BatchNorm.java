package dev.convbench.graph;

import dev.convbench.spi.Stable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalisation over the channels of an NHWC tensor (TensorFlow's fused kernel). Training: normalises with the
 * batch's statistics and moves the running averages towards them (PyTorch's momentum 0.1, epsilon 1e-5).
 * Inference: normalises with the running averages.
 *
 * <p>A {@code [batch, features]} input (after a dense layer) is normalised per feature, like PyTorch's
 * {@code BatchNorm1d}: it is reshaped to {@code [batch, 1, 1, features]} for the fused kernel and back.
 */
@Stable
public final class BatchNorm implements Layer {

  static final float EPSILON = 1e-5f;
  static final float MOMENTUM = 0.1f;

  BatchNorm() {}

  @Override
  public String kind() {
    return "bn";
  }

  @Override
  public Operand<TFloat32> apply(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    int rank = x.shape().numDimensions();
    if (rank != 2 && rank != 4) {
      throw new IllegalArgumentException(net.path() + ": batch norm needs a [batch, h, w, c] or [batch, features] "
          + "input, got " + x.shape());
    }
    long channels = x.shape().get(rank - 1);
    Operand<TFloat32> input = rank == 4 ? x : tf.reshape(x, tf.constant(new long[] {-1, 1, 1, channels}));
    Shape shape = Shape.of(channels);
    Variable<TFloat32> scale = net.weight("gamma", shape, Initializers.constant(1f));
    Variable<TFloat32> offset = net.weight("beta", shape, Initializers.constant(0f));
    Variable<TFloat32> movingMean = net.state("moving_mean", shape, 0f);
    Variable<TFloat32> movingVariance = net.state("moving_variance", shape, 1f);
    FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(input, scale, offset, movingMean, movingVariance,
        FusedBatchNorm.epsilon(EPSILON), FusedBatchNorm.isTraining(net.training()),
        FusedBatchNorm.dataFormat("NHWC"));
    if (net.training()) {
      // moving -= momentum * (moving - batch); the kernel's batch variance is the unbiased one, as in PyTorch.
      Operand<TFloat32> momentum = tf.constant(MOMENTUM);
      net.addUpdate(tf.assignSub(movingMean, tf.math.mul(momentum, tf.math.sub(movingMean, bn.batchMean()))));
      net.addUpdate(tf.assignSub(movingVariance,
          tf.math.mul(momentum, tf.math.sub(movingVariance, bn.batchVariance()))));
    }
    Operand<TFloat32> y = rank == 4 ? bn.y() : tf.reshape(bn.y(), tf.constant(new long[] {-1, channels}));
    net.record((rank == 4 ? "BatchNorm2d(" : "BatchNorm1d(") + channels + ")", y, 2 * channels);
    return y;
  }
}
