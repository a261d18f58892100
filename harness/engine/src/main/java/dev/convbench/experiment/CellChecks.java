package dev.convbench.experiment;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.DatasetReader.DatasetSection;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.LearningRateSchedule.Cosine;
import dev.convbench.training.LearningRateSchedule.OneCycle;
import dev.convbench.training.TrainingConfig;
import dev.convbench.experiment.TrainingSettings.AppliesTo;
import dev.convbench.experiment.TrainingSettings.Setting;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks across settings ({@code warmup-epochs < epochs}, {@code min-lr < lr}, {@code batch-size <= train-subset},
 * a setting of another optimizer or schedule than the one used) on the values each cell actually trains with. A problem points at the most specific place involved: a value the
 * cell sets, else one from {@code defaults}; problems about shared defaults are reported once, not per cell.
 */
final class CellChecks {

  private final Problems problems;
  /** Settings from {@code defaults} that took effect in at least one cell. */
  private final Set<String> defaultsThatApply = new HashSet<>();

  CellChecks(Problems problems) {
    this.problems = problems;
  }

  /** Checks that involve several settings, on the values one cell actually trains with. */
  void check(Cell cell, Map<String, Located> defaults, DatasetSection dataset) {
    Map<String, Located> fromCell = trainingSettingsOf(cell);
    Map<String, Located> effective = new LinkedHashMap<>(defaults);
    effective.putAll(fromCell);
    Map<String, Object> values = new HashMap<>();
    effective.forEach((k, v) -> values.put(k, v.value()));
    TrainingConfig config = TrainingSettings.build(values);
    checkEachSettingApplies(fromCell, values);

    double warmup = config.schedule().warmupEpochs();
    if (warmup > 0 && warmup >= config.epochs()) {
      blame(fromCell, defaults, List.of("schedule.warmup-epochs", "epochs"), "schedule.warmup-epochs ("
          + Scalars.formatNumber(warmup) + ") must be less than epochs (" + config.epochs() + ")");
    }
    LearningRateSchedule schedule = config.schedule();
    double minLr = schedule.toStored().minLearningRate();
    if ((schedule instanceof Cosine || schedule instanceof OneCycle) && minLr >= config.optimizer().learningRate()) {
      blame(fromCell, defaults, List.of("schedule.min-lr", "optimizer.lr", "schedule.type"), "schedule.min-lr ("
          + Scalars.formatNumber(minLr) + ") must be less than optimizer.lr ("
          + Scalars.formatNumber(config.optimizer().learningRate()) + ")");
    }
    DatasetOptions data = dataset.options();
    if (data.trainSubset() != null && config.batchSize() > data.trainSubset()) {
      String message = "batch-size (" + config.batchSize() + ") is larger than dataset.train-subset ("
          + data.trainSubset() + "): every batch would be incomplete, and incomplete batches are dropped";
      if (fromCell.containsKey("batch-size") || defaults.containsKey("batch-size")) {
        blame(fromCell, defaults, List.of("batch-size"), message);
      } else {
        problems.at(dataset.written().get("train-subset").node(), message);
      }
    }
  }

  /**
   * A setting of another kind than the cell's (Adam's {@code beta1} with SGD) would change nothing it trains, but
   * would make cells that differ only in it train the same: refused where the cell sets it.
   */
  private void checkEachSettingApplies(Map<String, Located> fromCell, Map<String, Object> values) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Optional<AppliesTo> rule = TrainingSettings.setting(e.getKey()).flatMap(Setting::appliesTo);
      if (rule.isEmpty()) {
        continue;
      }
      Object kind = values.containsKey(rule.get().kindKey()) ? values.get(rule.get().kindKey())
          : TrainingSettings.setting(rule.get().kindKey()).orElseThrow().byDefault();
      if (rule.get().includes(kind)) {
        defaultsThatApply.add(e.getKey());
      } else if (fromCell.containsKey(e.getKey())) {
        problems.at(fromCell.get(e.getKey()).node(), e.getKey() + " takes effect only with "
            + kinds(rule.get()) + ", and this cell's " + rule.get().kindKey() + " is " + kind
            + ", so cells that differ only in it would train the same: cross it with " + kinds(rule.get())
            + " cells only and list the " + kind + " cells under include, e.g. include: [{" + rule.get().kindKey()
            + ": " + kind + "}]");
      }
    }
  }

  /** Settings in {@code defaults} that belong to a kind no cell uses; call once every cell is checked. */
  void checkDefaultsApplySomewhere(Map<String, Located> defaults) {
    defaults.forEach((key, located) -> TrainingSettings.setting(key).flatMap(Setting::appliesTo)
        .filter(rule -> !defaultsThatApply.contains(key))
        .ifPresent(rule -> problems.at(located.node(), doesNotApply(key, rule,
            "no cell uses " + (rule.kinds().size() == 1 ? rule.kinds().get(0) : "any of them")))));
  }

  private static String doesNotApply(String key, AppliesTo rule, String why) {
    return key + " takes effect only with " + kinds(rule) + ", and " + why + ": remove it, or set " + rule.kindKey()
        + ": " + rule.kinds().get(0);
  }

  private static String kinds(AppliesTo rule) {
    return rule.kindKey() + " " + String.join(" or ", rule.kinds());
  }

  private static Map<String, Located> trainingSettingsOf(Cell cell) {
    Map<String, Located> settings = new LinkedHashMap<>();
    cell.values().forEach((k, v) -> {
      if (TrainingSettings.keys().contains(k)) {
        settings.put(k, v);
      }
    });
    return settings;
  }

  /** Reports at the most specific place: a value the cell sets, else one from defaults, in the given order. */
  private void blame(Map<String, Located> fromCell, Map<String, Located> defaults, List<String> keys,
      String message) {
    for (Map<String, Located> source : List.of(fromCell, defaults)) {
      for (String key : keys) {
        if (source.containsKey(key)) {
          problems.at(source.get(key).node(), message);
          return;
        }
      }
    }
    throw new IllegalStateException("built-in defaults are inconsistent: " + message);
  }
}
