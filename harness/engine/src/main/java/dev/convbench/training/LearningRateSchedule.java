package dev.convbench.training;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A learning-rate schedule over the whole run, which builds the learning rate as graph ops of the global step, so
 * no learning rate is fed from Java.
 *
 * <p>{@link Stored} is its flat form, every schedule's fields in one object: experiment defaults merge into it, and
 * results record it ({@link dev.convbench.store.RecordMapping#training}).
 */
public sealed interface LearningRateSchedule {

  /** The name in experiment files and results. */
  String type();

  /** Linear warm-up length in epochs (fractions allowed), non-negative. */
  double warmupEpochs();

  /**
   * The learning rate at {@code step}.
   *
   * @param peak the optimizer's learning rate
   * @param step the 0-based global step (float scalar)
   * @param stepsPerEpoch steps in one epoch
   * @param totalSteps steps in the whole run
   */
  Operand<TFloat32> learningRate(Ops tf, double peak, Operand<TFloat32> step, int stepsPerEpoch, int totalSteps);

  /** Cosine decay to 0 over the run, without warm-up. */
  static LearningRateSchedule defaults() {
    return Cosine.defaults();
  }

  /** The peak learning rate throughout. */
  record Constant(double warmupEpochs) implements LearningRateSchedule {

    public static final String TYPE = "constant";

    public Constant {
      checkWarmup(warmupEpochs);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public Operand<TFloat32> learningRate(Ops tf, double peak, Operand<TFloat32> step, int stepsPerEpoch,
        int totalSteps) {
      return warmedUp(tf, tf.constant((float) peak), step, warmupEpochs, stepsPerEpoch);
    }
  }

  /**
   * The peak multiplied by {@code gamma} every {@code stepEpochs}.
   *
   * @param stepEpochs epochs between decays, at least 1
   * @param gamma decay factor, positive
   */
  record Step(int stepEpochs, double gamma, double warmupEpochs) implements LearningRateSchedule {

    public static final String TYPE = "step";

    public Step {
      checkWarmup(warmupEpochs);
      if (stepEpochs < 1 || !(gamma > 0)) {
        throw new IllegalArgumentException("invalid step schedule: step-epochs=" + stepEpochs + ", gamma=" + gamma);
      }
    }

    /** A decay to a tenth every 30 epochs. */
    public static Step defaults() {
      return new Step(30, 0.1, 0);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public Operand<TFloat32> learningRate(Ops tf, double peak, Operand<TFloat32> step, int stepsPerEpoch,
        int totalSteps) {
      Operand<TFloat32> decays = tf.math.floor(tf.math.div(step, tf.constant((float) (stepEpochs * stepsPerEpoch))));
      Operand<TFloat32> lr = tf.math.mul(tf.constant((float) peak), tf.math.pow(tf.constant((float) gamma), decays));
      return warmedUp(tf, lr, step, warmupEpochs, stepsPerEpoch);
    }
  }

  /**
   * Half a cosine from the peak to {@code minLearningRate} over the run.
   *
   * @param minLearningRate the floor, non-negative
   */
  record Cosine(double warmupEpochs, double minLearningRate) implements LearningRateSchedule {

    public static final String TYPE = "cosine";

    public Cosine {
      checkWarmup(warmupEpochs);
      checkFloor(minLearningRate);
    }

    /** Down to 0, without warm-up. */
    public static Cosine defaults() {
      return new Cosine(0, 0);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public Operand<TFloat32> learningRate(Ops tf, double peak, Operand<TFloat32> step, int stepsPerEpoch,
        int totalSteps) {
      return warmedUp(tf, cosine(tf, step, 0f, totalSteps, (float) peak, (float) minLearningRate), step,
          warmupEpochs, stepsPerEpoch);
    }
  }

  /**
   * A linear rise from peak/25 to the peak over {@code warmupEpochs} (30% of the run when 0), then half a cosine down
   * to {@code minLearningRate}.
   *
   * @param minLearningRate the floor, non-negative
   */
  record OneCycle(double warmupEpochs, double minLearningRate) implements LearningRateSchedule {

    public static final String TYPE = "one-cycle";

    public OneCycle {
      checkWarmup(warmupEpochs);
      checkFloor(minLearningRate);
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public Operand<TFloat32> learningRate(Ops tf, double peak, Operand<TFloat32> step, int stepsPerEpoch,
        int totalSteps) {
      float warmup = (float) (warmupEpochs * stepsPerEpoch);
      float w = warmup > 0 ? warmup : 0.3f * totalSteps;
      float lr0 = (float) peak;
      float start = lr0 / 25f;
      Operand<TFloat32> rising = tf.math.add(tf.constant(start), tf.math.mul(tf.constant((lr0 - start) / w), step));
      return tf.select(tf.math.less(step, tf.constant(w)), rising,
          cosine(tf, step, w, totalSteps, lr0, (float) minLearningRate));
    }
  }

  /** {@code lr} ramped up linearly over the first {@code warmupEpochs}, when positive. */
  private static Operand<TFloat32> warmedUp(Ops tf, Operand<TFloat32> lr, Operand<TFloat32> step,
      double warmupEpochs, int stepsPerEpoch) {
    float warmup = (float) (warmupEpochs * stepsPerEpoch);
    if (!(warmup > 0)) {
      return lr;
    }
    Operand<TFloat32> ramp = tf.math.minimum(tf.constant(1f),
        tf.math.div(tf.math.add(step, tf.constant(1f)), tf.constant(warmup)));
    return tf.math.mul(lr, ramp);
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

  private static void checkWarmup(double warmupEpochs) {
    if (!(warmupEpochs >= 0)) {
      throw new IllegalArgumentException("warm-up epochs must be non-negative: " + warmupEpochs);
    }
  }

  private static void checkFloor(double minLearningRate) {
    if (!(minLearningRate >= 0)) {
      throw new IllegalArgumentException("the minimum learning rate must be non-negative: " + minLearningRate);
    }
  }

  /** This schedule in its stored form. */
  default Stored toStored() {
    Step step = this instanceof Step s ? s : Step.defaults();
    Cosine cosine = this instanceof Cosine c ? c : Cosine.defaults();
    double floor = this instanceof OneCycle c ? c.minLearningRate() : cosine.minLearningRate();
    return new Stored(type(), step.stepEpochs(), step.gamma(), warmupEpochs(), floor);
  }

  /**
   * The stored form: every schedule's fields, those of other schedules at their defaults.
   *
   * @param type {@code constant}, {@code step}, {@code cosine} or {@code one-cycle}
   */
  record Stored(String type, int stepEpochs, double gamma, double warmupEpochs, double minLearningRate) {

    /** The schedule this stands for; the fields of other schedules are ignored. */
    public LearningRateSchedule toSchedule() {
      return switch (type) {
        case Constant.TYPE -> new Constant(warmupEpochs);
        case Step.TYPE -> new Step(stepEpochs, gamma, warmupEpochs);
        case Cosine.TYPE -> new Cosine(warmupEpochs, minLearningRate);
        case OneCycle.TYPE -> new OneCycle(warmupEpochs, minLearningRate);
        default -> throw new IllegalArgumentException("schedule must be constant, step, cosine or one-cycle: " + type);
      };
    }
  }
}
