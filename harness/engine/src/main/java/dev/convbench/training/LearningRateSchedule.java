package dev.convbench.training;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Builds a {@link ScheduleConfig} as graph ops of the global step, so no learning rate is fed from Java. */
final class LearningRateSchedule {

  private LearningRateSchedule() {}

  /**
   * @param step the 0-based global step (float scalar)
   * @param peak the optimizer's learning rate
   * @param stepsPerEpoch steps in one epoch
   * @param totalSteps steps in the whole run
   */
  static Operand<TFloat32> build(Ops tf, ScheduleConfig schedule, double peak, Operand<TFloat32> step,
      int stepsPerEpoch, int totalSteps) {
    float warmup = (float) (schedule.warmupEpochs() * stepsPerEpoch);
    float floor = (float) schedule.minLearningRate();
    float lr0 = (float) peak;
    Operand<TFloat32> lr = switch (schedule.type()) {
      case ScheduleConfig.CONSTANT -> tf.constant(lr0);
      case ScheduleConfig.STEP -> {
        Operand<TFloat32> decays = tf.math.floor(tf.math.div(step, tf.constant((float) (schedule.stepEpochs()
            * stepsPerEpoch))));
        yield tf.math.mul(tf.constant(lr0), tf.math.pow(tf.constant((float) schedule.gamma()), decays));
      }
      case ScheduleConfig.COSINE -> cosine(tf, step, 0f, totalSteps, lr0, floor);
      case ScheduleConfig.ONE_CYCLE -> {
        float w = warmup > 0 ? warmup : 0.3f * totalSteps;
        float start = lr0 / 25f;
        Operand<TFloat32> rising = tf.math.add(tf.constant(start),
            tf.math.mul(tf.constant((lr0 - start) / w), step));
        yield tf.select(tf.math.less(step, tf.constant(w)), rising, cosine(tf, step, w, totalSteps, lr0, floor));
      }
      default -> throw new IllegalArgumentException("unknown schedule " + schedule.type());
    };
    if (warmup > 0 && !ScheduleConfig.ONE_CYCLE.equals(schedule.type())) {
      Operand<TFloat32> ramp = tf.math.minimum(tf.constant(1f),
          tf.math.div(tf.math.add(step, tf.constant(1f)), tf.constant(warmup)));
      lr = tf.math.mul(lr, ramp);
    }
    return lr;
  }

  /** Half a cosine from {@code peak} at step {@code from} to {@code floor} at step {@code to}. */
  private static Operand<TFloat32> cosine(Ops tf, Operand<TFloat32> step, float from, int to, float peak,
      float floor) {
    float span = Math.max(1f, to - from);
    Operand<TFloat32> progress = tf.math.minimum(tf.constant(1f),
        tf.math.maximum(tf.constant(0f), tf.math.div(tf.math.sub(step, tf.constant(from)), tf.constant(span))));
    Operand<TFloat32> cos = tf.math.cos(tf.math.mul(progress, tf.constant((float) Math.PI)));
    return tf.math.add(tf.constant(floor),
        tf.math.mul(tf.constant(0.5f * (peak - floor)), tf.math.add(tf.constant(1f), cos)));
  }
}
