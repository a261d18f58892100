package dev.convbench.experiment;

import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.CheckpointPolicy;
import dev.convbench.training.OptimizerConfig;
import dev.convbench.training.Precision;
import dev.convbench.training.ScheduleConfig;
import dev.convbench.training.TrainingConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The training settings an experiment can set, by their flat dotted key ({@code epochs}, {@code optimizer.lr},
 * ...), with their readers; and the conversion of a set of values into a {@link TrainingConfig}.
 *
 * <p>The same keys are used in {@code defaults:} (nested or dotted), as matrix keys, and in include entries, so one
 * registry validates them all alike.
 */
final class TrainingSettings {

  /** Nested groups of settings: {@code optimizer: {lr: 0.1}} is {@code optimizer.lr: 0.1}. */
  static final List<String> SECTIONS = List.of("optimizer", "schedule", "augmentation", "checkpoint");

  /** Adam's usual learning rate, used when the optimizer is Adam and no {@code optimizer.lr} is given. */
  static final double ADAM_DEFAULT_LR = 0.001;

  static final List<String> AUGMENTATION_PRESETS = List.of("standard", "none");

  private static final List<String> OPTIMIZERS = List.of(OptimizerConfig.SGD, OptimizerConfig.ADAM);
  private static final List<String> SCHEDULES =
      List.of(ScheduleConfig.CONSTANT, ScheduleConfig.STEP, ScheduleConfig.COSINE, ScheduleConfig.ONE_CYCLE);

  private static final Map<String, ValueReader> READERS = readers();

  private TrainingSettings() {
  }

  private static Map<String, ValueReader> readers() {
    ValueReader positiveInt = ValueReaders.integer(1, Integer.MAX_VALUE, "a positive integer");
    ValueReader positive = ValueReaders.number(v -> v > 0, "a positive number");
    ValueReader nonNegative = ValueReaders.number(v -> v >= 0, "a non-negative number");
    ValueReader unitInterval = ValueReaders.number(v -> v >= 0 && v < 1, "a number in [0, 1)");
    ValueReader bool = ValueReaders.bool();
    Map<String, ValueReader> r = new LinkedHashMap<>();
    r.put("epochs", positiveInt);
    r.put("batch-size", positiveInt);
    r.put("optimizer.type", ValueReaders.choice(OPTIMIZERS));
    r.put("optimizer.lr", positive);
    r.put("optimizer.momentum", unitInterval);
    r.put("optimizer.nesterov", bool);
    r.put("optimizer.beta1", unitInterval);
    r.put("optimizer.beta2", unitInterval);
    r.put("optimizer.epsilon", positive);
    r.put("schedule.type", ValueReaders.choice(SCHEDULES));
    r.put("schedule.step-epochs", positiveInt);
    r.put("schedule.gamma", positive);
    r.put("schedule.warmup-epochs", nonNegative);
    r.put("schedule.min-lr", nonNegative);
    r.put("weight-decay", nonNegative);
    r.put("augmentation.random-crop", bool);
    r.put("augmentation.padding", ValueReaders.integer(0, 16, "an integer from 0 to 16"));
    r.put("augmentation.horizontal-flip", bool);
    r.put("augmentation.normalize", bool);
    r.put("target-accuracy", ValueReaders.fractionOrPercent());
    r.put("precision", ValueReaders.choice(Precision.yamlNames()));
    r.put("log-every-steps", ValueReaders.integer(0, Integer.MAX_VALUE, "a non-negative integer"));
    // When checkpoints are written and how many are kept: changes no number, so not part of a run's identity.
    r.put("checkpoint.every-epochs", ValueReaders.integer(0, Integer.MAX_VALUE, "a non-negative integer"));
    r.put("checkpoint.every-minutes", positive);
    r.put("checkpoint.keep", positiveInt);
    return Collections.unmodifiableMap(r);
  }

  /** Every flat key, in documentation order. */
  static Set<String> keys() {
    return READERS.keySet();
  }

  static Optional<ValueReader> reader(String key) {
    return Optional.ofNullable(READERS.get(key));
  }

  /** The leaf names of a section, e.g. {@code type, lr, momentum, ...} for {@code optimizer}. */
  static List<String> leavesOf(String section) {
    return READERS.keySet().stream()
        .filter(k -> k.startsWith(section + "."))
        .map(k -> k.substring(section.length() + 1))
        .toList();
  }

  /**
   * A section written as a single word: {@code optimizer: adam}, {@code schedule: step},
   * {@code augmentation: none}.
   *
   * @return the flat settings it stands for
   */
  static Map<String, Object> shorthand(String section, Node node) throws InvalidValue {
    if (section.equals("checkpoint")) {
      throw InvalidValue.complete("checkpoint must be a mapping such as {every-epochs: 1, every-minutes: 30, keep: 1}");
    }
    if (!section.equals("augmentation")) {
      return Map.of(section + ".type", READERS.get(section + ".type").read(node));
    }
    String preset = (String) ValueReaders.choice(AUGMENTATION_PRESETS).read(node);
    AugmentationConfig a = preset.equals("none") ? AugmentationConfig.none() : AugmentationConfig.standard();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("augmentation.random-crop", a.randomCrop());
    values.put("augmentation.padding", a.padding());
    values.put("augmentation.horizontal-flip", a.horizontalFlip());
    values.put("augmentation.normalize", a.normalize());
    return values;
  }

  /** The optimizer type these values select. */
  static String optimizerType(Map<String, Object> values) {
    return (String) values.getOrDefault("optimizer.type", TrainingConfig.defaults().optimizer().type());
  }

  /** The learning rate these values select: explicit, else Adam's or SGD's default. */
  static double learningRate(Map<String, Object> values) {
    if (values.containsKey("optimizer.lr")) {
      return number(values, "optimizer.lr", 0);
    }
    return OptimizerConfig.ADAM.equals(optimizerType(values))
        ? ADAM_DEFAULT_LR
        : TrainingConfig.defaults().optimizer().learningRate();
  }

  /**
   * Builds the configuration from validated flat values; unset keys take {@link TrainingConfig#defaults()}.
   *
   * @throws IllegalArgumentException only if values were not validated (a programming error)
   */
  static TrainingConfig build(Map<String, Object> values) {
    TrainingConfig d = TrainingConfig.defaults();
    OptimizerConfig o = d.optimizer();
    ScheduleConfig s = d.schedule();
    AugmentationConfig a = d.augmentation();
    OptimizerConfig optimizer = new OptimizerConfig(optimizerType(values), learningRate(values),
        number(values, "optimizer.momentum", o.momentum()), bool(values, "optimizer.nesterov", o.nesterov()),
        number(values, "optimizer.beta1", o.beta1()), number(values, "optimizer.beta2", o.beta2()),
        number(values, "optimizer.epsilon", o.epsilon()));
    ScheduleConfig schedule = new ScheduleConfig((String) values.getOrDefault("schedule.type", s.type()),
        integer(values, "schedule.step-epochs", s.stepEpochs()), number(values, "schedule.gamma", s.gamma()),
        number(values, "schedule.warmup-epochs", s.warmupEpochs()),
        number(values, "schedule.min-lr", s.minLearningRate()));
    AugmentationConfig augmentation = new AugmentationConfig(
        bool(values, "augmentation.random-crop", a.randomCrop()), integer(values, "augmentation.padding", a.padding()),
        bool(values, "augmentation.horizontal-flip", a.horizontalFlip()),
        bool(values, "augmentation.normalize", a.normalize()));
    Double target = values.containsKey("target-accuracy")
        ? (values.get("target-accuracy") == null ? null : number(values, "target-accuracy", 0))
        : d.targetAccuracy();
    return new TrainingConfig(integer(values, "epochs", d.epochs()), integer(values, "batch-size", d.batchSize()),
        optimizer, schedule, number(values, "weight-decay", d.weightDecay()), augmentation, target,
        integer(values, "log-every-steps", d.logEverySteps()),
        values.containsKey("precision") ? Precision.parse((String) values.get("precision")).orElseThrow()
            : d.precision());
  }

  /** The checkpoint policy these values select; unset keys take {@link CheckpointPolicy#defaults()}. */
  static CheckpointPolicy checkpoints(Map<String, Object> values) {
    CheckpointPolicy d = CheckpointPolicy.defaults();
    Object minutes = values.get("checkpoint.every-minutes");
    return new CheckpointPolicy(integer(values, "checkpoint.every-epochs", d.everyEpochs()),
        minutes == null ? d.every() : Duration.ofMillis(Math.round(((Number) minutes).doubleValue() * 60_000)),
        integer(values, "checkpoint.keep", d.keep()));
  }

  static int integer(Map<String, Object> values, String key, int fallback) {
    Object v = values.get(key);
    return v == null ? fallback : ((Number) v).intValue();
  }

  static double number(Map<String, Object> values, String key, double fallback) {
    Object v = values.get(key);
    return v == null ? fallback : ((Number) v).doubleValue();
  }

  private static boolean bool(Map<String, Object> values, String key, boolean fallback) {
    Object v = values.get(key);
    return v == null ? fallback : (Boolean) v;
  }
}
