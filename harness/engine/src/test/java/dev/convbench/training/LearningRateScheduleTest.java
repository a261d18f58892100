package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The learning rate of every schedule type, step by step, against values pinned in
 * {@code training/schedule-learning-rates.txt}: the exact float bits, so any change in the schedule's arithmetic
 * fails here before it changes a run's numbers.
 */
class LearningRateScheduleTest {

  private static final double PEAK = 0.1;
  private static final int STEPS_PER_EPOCH = 7;
  private static final int TOTAL_STEPS = 5 * STEPS_PER_EPOCH;
  /** Beyond the run's last step too: the schedules must stay at their floor. */
  private static final int LAST_STEP = TOTAL_STEPS + 5;

  private static Map<String, LearningRateSchedule> schedules() {
    Map<String, LearningRateSchedule> s = new LinkedHashMap<>();
    s.put("constant", new LearningRateSchedule.Constant(0));
    s.put("constant-warmup", new LearningRateSchedule.Constant(1.5));
    s.put("step", new LearningRateSchedule.Step(2, 0.3, 0));
    s.put("step-warmup", new LearningRateSchedule.Step(1, 0.5, 0.5));
    s.put("cosine", new LearningRateSchedule.Cosine(0, 0.001));
    s.put("cosine-warmup", new LearningRateSchedule.Cosine(1, 0));
    s.put("one-cycle", new LearningRateSchedule.OneCycle(0, 0));
    s.put("one-cycle-warmup", new LearningRateSchedule.OneCycle(2, 0.002));
    return s;
  }

  private static List<Float> learningRates(LearningRateSchedule schedule) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> step = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> lr = schedule.learningRate(tf, PEAK, step, STEPS_PER_EPOCH, TOTAL_STEPS);
      List<Float> rates = new ArrayList<>();
      try (Session session = new Session(graph)) {
        for (int s = 0; s <= LAST_STEP; s++) {
          try (TFloat32 feed = TFloat32.scalarOf(s);
              Result result = session.runner().feed(step, feed).fetch(lr).run()) {
            rates.add(((TFloat32) result.get(0)).getFloat());
          }
        }
      }
      return rates;
    }
  }

  private static Map<String, List<Float>> pinned() throws IOException {
    Map<String, List<Float>> pinned = new LinkedHashMap<>();
    try (InputStream in = LearningRateScheduleTest.class.getResourceAsStream("/training/schedule-learning-rates.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] fields = line.strip().split(" ");
        List<Float> rates = new ArrayList<>();
        for (int i = 1; i < fields.length; i++) {
          rates.add(Float.intBitsToFloat(Integer.parseUnsignedInt(fields[i], 16)));
        }
        pinned.put(fields[0], rates);
      }
    }
    return pinned;
  }

  @Test
  void everyScheduleGivesThePinnedLearningRateAtEveryStep() throws IOException {
    Map<String, List<Float>> pinned = pinned();
    assertEquals(schedules().keySet(), pinned.keySet());
    schedules().forEach((name, schedule) -> assertEquals(pinned.get(name), learningRates(schedule), name));
  }

  /** Writes the pinned values; run once by hand against a trusted build. */
  public static void main(String[] args) {
    schedules().forEach((name, schedule) -> {
      StringBuilder line = new StringBuilder(name);
      learningRates(schedule).forEach(r -> line.append(' ').append(Integer.toHexString(Float.floatToIntBits(r))));
      System.out.println(line);
    });
  }
}
