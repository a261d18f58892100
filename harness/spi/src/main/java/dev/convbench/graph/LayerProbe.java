package dev.convbench.graph;

import dev.convbench.spi.Experimental;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Builds one layer alone in a graph of its own, for a block's tests: how many parameters it creates on an input of a
 * given shape (to pin it to the same block in PyTorch), and what it computes in inference mode on given values.
 */
@Experimental
public final class LayerProbe {

  private LayerProbe() {}

  /** Trainable parameters {@code layer} creates on an input of {@code shape} (NHWC for images). */
  public static long trainableParameters(Shape shape, Layer layer) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      VariableStore variables = new VariableStore(tf, 1);
      Network net = new Network(tf, false, 10, variables);
      net.apply(tf.zeros(tf.constant(shape.asArray()), TFloat32.class), layer);
      return variables.trainableParameterCount();
    }
  }

  /**
   * The output of {@code layer} in inference mode on a constant input, its variables at their initial values.
   *
   * @param shape the input's shape
   * @param input the input's values in row-major order ({@code shape.size()} of them)
   * @return the output's values in row-major order
   */
  public static float[] inferenceOutput(Shape shape, float[] input, Layer layer) {
    if (input.length != shape.size()) {
      throw new IllegalArgumentException(input.length + " values for an input of shape " + shape);
    }
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Network net = new Network(tf, false, 10, new VariableStore(tf, 1));
      Operand<TFloat32> y = net.apply(tf.constant(shape, DataBuffers.of(input, true, false)), layer);
      try (Session session = new Session(graph)) {
        session.initialize();
        try (Result result = session.runner().fetch(y).run()) {
          TFloat32 t = (TFloat32) result.get(0);
          float[] out = new float[(int) t.shape().size()];
          t.copyTo(NdArrays.wrap(t.shape(), DataBuffers.of(out, false, false)));
          return out;
        }
      }
    }
  }
}
