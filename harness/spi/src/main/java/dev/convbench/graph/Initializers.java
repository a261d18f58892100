package dev.convbench.graph;

import dev.convbench.spi.Internal;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Initial values for weights. */
@Internal
public final class Initializers {

  private Initializers() {}

  /**
   * Uniform on {@code [-1/sqrt(fanIn), 1/sqrt(fanIn)]}: PyTorch's default for {@code Conv2d} and {@code Linear}
   * weights and biases (Kaiming-uniform with a = √5), so networks start as the course reports' PyTorch code did.
   */
  public static Network.Initializer uniformFanIn(long fanIn) {
    float bound = (float) (1.0 / Math.sqrt((double) fanIn));
    return (tf, shape, seeds) -> {
      Operand<TInt64> dims = tf.constant(shape.asArray());
      Operand<TFloat32> unit = tf.random.randomUniform(dims, TFloat32.class,
          RandomUniform.seed(seeds[0]), RandomUniform.seed2(seeds[1]));
      return tf.math.sub(tf.math.mul(unit, tf.constant(2 * bound)), tf.constant(bound));
    };
  }

  /** A constant fill, e.g. batch-norm scale 1 and offset 0. */
  public static Network.Initializer constant(float value) {
    return (tf, shape, seeds) -> tf.fill(tf.constant(shape.asArray()), tf.constant(value));
  }

  /** Fan-in of a kernel shaped {@code [..., in, out]}: the product of all but the last dimension. */
  static long fanIn(Shape shape) {
    long fan = 1;
    for (int i = 0; i < shape.numDimensions() - 1; i++) {
      fan *= shape.get(i);
    }
    return fan;
  }
}
