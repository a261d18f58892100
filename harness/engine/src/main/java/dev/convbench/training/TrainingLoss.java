package dev.convbench.training;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a training step minimises and what it reports: the batch's mean softmax cross-entropy plus, when configured,
 * weight decay (the objective), and the cross-entropy and the count of images classified right (what a step returns).
 */
final class TrainingLoss {

  private final Operand<TFloat32> objective;
  private final Operand<TFloat32> meanLoss;
  private final Operand<TFloat32> correct;

  /**
   * Builds the loss ops.
   *
   * @param weights the trainable variables, each penalised by {@code weightDecay × ½‖w‖²}
   * @param weightDecay the L2 coefficient; 0 for none
   */
  TrainingLoss(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes,
      List<Variable<TFloat32>> weights, double weightDecay) {
    Operand<TFloat32> mean = tf.math.mean(crossEntropy(tf, logits, labels, classes), tf.constant(0));
    Operand<TFloat32> total = mean;
    if (weightDecay > 0) {
      List<Operand<TFloat32>> penalties = new ArrayList<>();
      for (Variable<TFloat32> w : weights) {
        penalties.add(tf.nn.l2Loss(w));
      }
      total = tf.math.add(mean, tf.math.mul(tf.constant((float) weightDecay), tf.math.addN(penalties)));
    }
    objective = total;
    meanLoss = tf.identity(mean);
    correct = tf.identity(correct(tf, logits, labels));
  }

  /** What the optimizer differentiates: the mean cross-entropy plus weight decay. */
  Operand<TFloat32> objective() {
    return objective;
  }

  /** The batch's mean cross-entropy, without weight decay: the loss a step reports. */
  Operand<TFloat32> meanLoss() {
    return meanLoss;
  }

  /** How many of the batch's images were classified right. */
  Operand<TFloat32> correct() {
    return correct;
  }

  /** Softmax cross-entropy per image, on one-hot labels (the sparse op has no registered graph gradient). */
  static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
  }

  /** How many rows of {@code logits} have their largest value at their label. */
  static Operand<TFloat32> correct(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    Operand<TInt32> predicted = tf.math.argMax(logits, tf.constant(1), TInt32.class);
    return tf.reduceSum(tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class), tf.constant(0));
  }
}
