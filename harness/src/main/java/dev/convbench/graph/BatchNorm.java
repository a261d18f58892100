package dev.convbench.graph;

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
 */
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
    long channels = x.shape().get(3);
    Shape shape = Shape.of(channels);
    Variable<TFloat32> scale = net.weight("gamma", shape, Initializers.constant(1f));
    Variable<TFloat32> offset = net.weight("beta", shape, Initializers.constant(0f));
    Variable<TFloat32> movingMean = net.state("moving_mean", shape, 0f);
    Variable<TFloat32> movingVariance = net.state("moving_variance", shape, 1f);
    FusedBatchNorm<TFloat32, TFloat32> bn = tf.nn.fusedBatchNorm(x, scale, offset, movingMean, movingVariance,
        FusedBatchNorm.epsilon(EPSILON), FusedBatchNorm.isTraining(net.training()),
        FusedBatchNorm.dataFormat("NHWC"));
    if (net.training()) {
      // moving -= momentum * (moving - batch); the kernel's batch variance is the unbiased one, as in PyTorch.
      Operand<TFloat32> momentum = tf.constant(MOMENTUM);
      net.addUpdate(tf.assignSub(movingMean, tf.math.mul(momentum, tf.math.sub(movingMean, bn.batchMean()))));
      net.addUpdate(tf.assignSub(movingVariance,
          tf.math.mul(momentum, tf.math.sub(movingVariance, bn.batchVariance()))));
    }
    net.record("BatchNorm2d(" + channels + ")", bn.y(), 2 * channels);
    return bn.y();
  }
}
