package dev.convbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.convbench.training.AugmentationConfig;
import dev.convbench.training.CheckpointPolicy;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Optimizer;
import dev.convbench.training.Precision;
import dev.convbench.training.TrainingConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The training settings an experiment can set, as one table ({@link #TABLE}): each flat dotted key
 * ({@code epochs}, {@code optimizer.lr}, ...) with what it accepts, its default and what it does. The loader's
 * readers and their messages come from it; and the conversion of a set of values into a {@link TrainingConfig}.
 *
 * <p>The same keys are used in {@code defaults:} (nested or dotted), as matrix keys, and in include entries, so one
 * registry validates them all alike.
 */
final class TrainingSettings {

  /**
   * One training setting.
   *
   * @param key the flat dotted key
   * @param accepts the values it accepts, as the loader's messages say ({@code must be <accepts>, got ...})
   * @param reader reads and checks a value
   * @param byDefault its value when unset, as written in an experiment file
   * @param doc what it does, in one line
   * @param appliesTo the kinds it takes effect with, when it belongs to some of them only (an Adam setting does
   *     nothing to SGD)
   */
  record Setting(String key, String accepts, ValueReader reader, String byDefault, String doc,
      Optional<AppliesTo> appliesTo) {

    /**
     * The JSON Schema of its value: what it accepts, described by its doc, with its default when that is a value
     * one could write.
     */
    ObjectNode schema() {
      Object writableDefault;
      try {
        writableDefault = reader.read(new ScalarNode(Tag.STR, byDefault, null, null, DumperOptions.ScalarStyle.PLAIN));
      } catch (InvalidValue notAValue) { // "none", "0.05 (sgd), 0.001 (adam)"
        writableDefault = null;
      }
      String description = doc + ". Accepts " + accepts + "; default " + byDefault
          + appliesTo.map(rule -> "; only with " + rule.kindKey() + " " + String.join(" or ", rule.kinds()))
              .orElse("") + ".";
      return JsonSchemas.described(description, writableDefault, reader.schema());
    }

    /** This setting, taking effect only when {@code kindKey} is one of {@code kinds}. */
    Setting onlyWith(String kindKey, String... kinds) {
      return new Setting(key, accepts, reader, byDefault, doc, Optional.of(new AppliesTo(kindKey, List.of(kinds))));
    }
  }

  /**
   * The kinds a setting belongs to.
   *
   * @param kindKey the setting that chooses the kind, e.g. {@code optimizer.type}
   * @param kinds its values with which the setting takes effect
   */
  record AppliesTo(String kindKey, List<String> kinds) {

    boolean includes(Object kind) {
      return kinds.contains(kind);
    }
  }

  /** What a setting accepts, and the reader that checks it. */
  private record Accepts(String expectation, ValueReader reader) {

    static Accepts integer(long min, long max, String expectation) {
      return new Accepts(expectation, ValueReaders.integer(min, max, expectation));
    }

    static Accepts number(NumberRange range, String expectation) {
      return new Accepts(expectation, ValueReaders.number(range, expectation));
    }

    static Accepts choice(List<String> choices) {
      return new Accepts(ValueReaders.oneOf(choices), ValueReaders.choice(choices));
    }

    Setting setting(String key, Object byDefault, String doc) {
      String shown = byDefault instanceof Double d ? Scalars.formatNumber(d) : String.valueOf(byDefault);
      return new Setting(key, expectation, reader, shown, doc, Optional.empty());
    }
  }

  /** Nested groups of settings: {@code optimizer: {lr: 0.1}} is {@code optimizer.lr: 0.1}. */
  static final List<String> SECTIONS = List.of("optimizer", "schedule", "augmentation", "checkpoint");

  static final List<String> AUGMENTATION_PRESETS = List.of("standard", "none");

  private static final String SGD = Optimizer.Sgd.TYPE;
  private static final String ADAM = Optimizer.Adam.TYPE;
  private static final List<String> OPTIMIZERS = List.of(SGD, ADAM);
  private static final String STEP = LearningRateSchedule.Step.TYPE;
  private static final String COSINE = LearningRateSchedule.Cosine.TYPE;
  private static final String ONE_CYCLE = LearningRateSchedule.OneCycle.TYPE;
  private static final List<String> SCHEDULES = List.of(LearningRateSchedule.Constant.TYPE, STEP, COSINE, ONE_CYCLE);

  /** Every training setting, in documentation order. */
  static final List<Setting> TABLE = table();

  private static final Map<String, Setting> BY_KEY =
      TABLE.stream().collect(Collectors.toMap(Setting::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));

  private TrainingSettings() {
  }

  private static List<Setting> table() {
    Accepts positiveInt = Accepts.integer(1, Integer.MAX_VALUE, "a positive integer");
    Accepts nonNegativeInt = Accepts.integer(0, Integer.MAX_VALUE, "a non-negative integer");
    Accepts positive = Accepts.number(NumberRange.above(0), "a positive number");
    Accepts nonNegative = Accepts.number(NumberRange.atLeast(0), "a non-negative number");
    Accepts unitInterval = Accepts.number(NumberRange.fromUpTo(0, 1), "a number in [0, 1)");
    Accepts bool = new Accepts("true or false", ValueReaders.bool());
    TrainingConfig d = TrainingConfig.defaults();
    Optimizer.Sgd sgd = Optimizer.Sgd.defaults();
    Optimizer.Adam adam = Optimizer.Adam.defaults();
    LearningRateSchedule.Stored schedule = d.schedule().toStored();
    AugmentationConfig augmentation = d.augmentation();
    CheckpointPolicy checkpoint = CheckpointPolicy.defaults();
    return List.of(
        positiveInt.setting("epochs", d.epochs(), "passes over the training set"),
        positiveInt.setting("batch-size", d.batchSize(),
            "images per step, at most dataset.train-subset; an epoch's last incomplete batch is dropped"),
        Accepts.choice(OPTIMIZERS).setting("optimizer.type", d.optimizer().type(), "the optimizer"),
        positive.setting("optimizer.lr", Scalars.formatNumber(sgd.learningRate()) + " (sgd), "
            + Scalars.formatNumber(adam.learningRate()) + " (adam)", "peak learning rate; the schedule scales it"),
        unitInterval.setting("optimizer.momentum", sgd.momentum(), "SGD's momentum").onlyWith("optimizer.type", SGD),
        bool.setting("optimizer.nesterov", sgd.nesterov(), "SGD with Nesterov momentum")
            .onlyWith("optimizer.type", SGD),
        unitInterval.setting("optimizer.beta1", adam.beta1(), "Adam's first-moment decay")
            .onlyWith("optimizer.type", ADAM),
        unitInterval.setting("optimizer.beta2", adam.beta2(), "Adam's second-moment decay")
            .onlyWith("optimizer.type", ADAM),
        positive.setting("optimizer.epsilon", adam.epsilon(), "Adam's epsilon").onlyWith("optimizer.type", ADAM),
        Accepts.choice(SCHEDULES).setting("schedule.type", schedule.type(),
            "the learning-rate schedule over the whole run"),
        positiveInt.setting("schedule.step-epochs", schedule.stepEpochs(), "step: epochs between decays")
            .onlyWith("schedule.type", STEP),
        positive.setting("schedule.gamma", schedule.gamma(), "step: the factor of each decay")
            .onlyWith("schedule.type", STEP),
        nonNegative.setting("schedule.warmup-epochs", schedule.warmupEpochs(),
            "linear warm-up in epochs, less than epochs; one-cycle's rise (0: 30% of the run)"),
        nonNegative.setting("schedule.min-lr", schedule.minLearningRate(),
            "cosine and one-cycle: the final learning rate, less than optimizer.lr")
            .onlyWith("schedule.type", COSINE, ONE_CYCLE),
        nonNegative.setting("weight-decay", d.weightDecay(), "L2 penalty, as PyTorch's weight_decay"),
        bool.setting("augmentation.random-crop", augmentation.randomCrop(),
            "random 32×32 crop of the zero-padded image"),
        Accepts.integer(0, 16, "an integer from 0 to 16").setting("augmentation.padding", augmentation.padding(),
            "pixels of padding on each side for the random crop"),
        bool.setting("augmentation.horizontal-flip", augmentation.horizontalFlip(),
            "flip each image left-right with probability 0.5"),
        bool.setting("augmentation.normalize", augmentation.normalize(),
            "standardise each channel with CIFAR-10's mean and deviation"),
        new Accepts(ValueReaders.FRACTION_OR_PERCENT, ValueReaders.fractionOrPercent()).setting("target-accuracy",
            "none", "test accuracy that defines time-to-target in the report"),
        Accepts.choice(Precision.yamlNames()).setting("precision", d.precision().yamlName(),
            "the number format runs compute in"),
        nonNegativeInt.setting("log-every-steps", d.logEverySteps(), "record the training loss every N steps"
            + " (0: only per epoch)"),
        // When checkpoints are written and how many are kept: changes no number, so not part of a run's identity.
        nonNegativeInt.setting("checkpoint.every-epochs", checkpoint.everyEpochs(),
            "write a checkpoint every N epochs (0: never at epoch ends)"),
        positive.setting("checkpoint.every-minutes", "never", "also write one once this many minutes have passed"),
        positiveInt.setting("checkpoint.keep", checkpoint.keep(), "how many checkpoints are kept, the newest"));
  }

  /**
   * The reference of every setting as a Markdown page ({@code experiments/SETTINGS.md}), written from the same table
   * the loader reads, so the two cannot disagree.
   */
  static String reference() {
    StringBuilder page = new StringBuilder("""
        # Training settings of an experiment file

        Generated from the table the loader checks experiment files with; a test keeps this page equal to it.
        Every key can be set in `defaults:`, as a matrix key (a list of values) or in a matrix `include:` entry.
        A dotted key is the same as its nested form: `optimizer.lr: 0.1` is `optimizer: {lr: 0.1}`; `optimizer`,
        `schedule` and `augmentation` also take one word (`optimizer: adam`, `augmentation: none`).
        A setting that belongs to one kind of optimizer or schedule ("only with") is refused for a cell of another
        kind. `convbench validate FILE` checks a file against these rules.

        | key | accepts | default | only with | what it does |
        |---|---|---|---|---|
        """);
    for (Setting s : TABLE) {
      page.append("| `").append(s.key()).append("` | ").append(s.accepts()).append(" | ").append(s.byDefault())
          .append(" | ")
          .append(s.appliesTo().map(rule -> rule.kindKey() + " " + String.join(" or ", rule.kinds())).orElse(""))
          .append(" | ").append(s.doc()).append(" |\n");
    }
    return page.toString();
  }

  /** Every flat key, in documentation order. */
  static Set<String> keys() {
    return BY_KEY.keySet();
  }

  static Optional<Setting> setting(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }

  static Optional<ValueReader> reader(String key) {
    return Optional.ofNullable(BY_KEY.get(key)).map(Setting::reader);
  }

  /** The leaf names of a section, e.g. {@code type, lr, momentum, ...} for {@code optimizer}. */
  static List<String> leavesOf(String section) {
    return keys().stream()
        .filter(k -> k.startsWith(section + "."))
        .map(k -> k.substring(section.length() + 1))
        .toList();
  }

  /**
   * What a section takes as a single word: its type ({@code optimizer: adam}), or for augmentation a preset; empty
   * for checkpoint, which has none.
   */
  static Optional<ValueReader> shorthandReader(String section) {
    if (section.equals("checkpoint")) {
      return Optional.empty();
    }
    return Optional.of(section.equals("augmentation") ? ValueReaders.choice(AUGMENTATION_PRESETS)
        : reader(section + ".type").orElseThrow());
  }

  /**
   * Whether a matrix may vary the setting: checkpoint settings change no number, so every cell would be the same
   * run.
   */
  static boolean canVary(String key) {
    return !key.startsWith("checkpoint.");
  }

  /**
   * A section written as a single word: {@code optimizer: adam}, {@code schedule: step},
   * {@code augmentation: none}.
   *
   * @return the flat settings it stands for
   */
  static Map<String, Object> shorthand(String section, Node node) throws InvalidValue {
    ValueReader word = shorthandReader(section).orElseThrow(() -> InvalidValue.complete(
        "checkpoint must be a mapping such as {every-epochs: 1, every-minutes: 30, keep: 1}"));
    if (!section.equals("augmentation")) {
      return Map.of(section + ".type", word.read(node));
    }
    String preset = (String) word.read(node);
    AugmentationConfig a = preset.equals("none") ? AugmentationConfig.none() : AugmentationConfig.standard();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("augmentation.random-crop", a.randomCrop());
    values.put("augmentation.padding", a.padding());
    values.put("augmentation.horizontal-flip", a.horizontalFlip());
    values.put("augmentation.normalize", a.normalize());
    return values;
  }

  /**
   * Builds the configuration from validated flat values; unset keys take {@link TrainingConfig#defaults()}, and the
   * optimizer's own defaults (Adam's learning rate is not SGD's).
   *
   * @throws IllegalArgumentException only if values were not validated (a programming error)
   */
  static TrainingConfig build(Map<String, Object> values) {
    TrainingConfig d = TrainingConfig.defaults();
    String optimizerType = (String) values.getOrDefault("optimizer.type", d.optimizer().type());
    Optimizer.Stored o = Optimizer.defaults(optimizerType).toStored();
    Optimizer optimizer = new Optimizer.Stored(optimizerType, number(values, "optimizer.lr", o.learningRate()),
        number(values, "optimizer.momentum", o.momentum()), bool(values, "optimizer.nesterov", o.nesterov()),
        number(values, "optimizer.beta1", o.beta1()), number(values, "optimizer.beta2", o.beta2()),
        number(values, "optimizer.epsilon", o.epsilon())).toOptimizer();
    LearningRateSchedule.Stored s = d.schedule().toStored();
    LearningRateSchedule schedule = new LearningRateSchedule.Stored(
        (String) values.getOrDefault("schedule.type", s.type()), integer(values, "schedule.step-epochs",
        s.stepEpochs()), number(values, "schedule.gamma", s.gamma()),
        number(values, "schedule.warmup-epochs", s.warmupEpochs()),
        number(values, "schedule.min-lr", s.minLearningRate())).toSchedule();
    AugmentationConfig a = d.augmentation();
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
