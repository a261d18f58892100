package dev.convbench.graph;

import dev.convbench.spi.Internal;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Random numbers for one training step, from stateless TensorFlow ops keyed by (purpose, step): the same step of the
 * same run always draws the same numbers, whether or not the process was restarted in between. Stateful random ops
 * would restart their sequences in a new process and give a resumed run other crops, flips and dropout masks.
 *
 * @param step the global step (0-based), fed with every training step
 * @param stream the stream's seed ({@link RandomStreams#noise()})
 */
@Internal
public record StepNoise(Operand<TInt64> step, long stream) {

  /** Uniform floats in [0, 1) of {@code shape}. */
  public Operand<TFloat32> uniform(Ops tf, String purpose, Operand<TInt32> shape) {
    return tf.random.statelessRandomUniform(shape, seed(tf, purpose), TFloat32.class);
  }

  /** Uniform integers in [min, max) of {@code shape}. */
  public Operand<TInt32> uniformInt(Ops tf, String purpose, Operand<TInt32> shape, int min, int max) {
    return tf.random.statelessRandomUniformInt(shape, seed(tf, purpose), tf.constant(min), tf.constant(max));
  }

  private Operand<TInt64> seed(Ops tf, String purpose) {
    return tf.stack(List.of(tf.constant(RandomStreams.key(stream, purpose)), step));
  }
}
