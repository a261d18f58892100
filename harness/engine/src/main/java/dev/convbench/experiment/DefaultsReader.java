package dev.convbench.experiment;

import dev.convbench.experiment.YamlTree.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the {@code defaults:} section into flat settings ({@code optimizer.lr} → value), whether the file nests
 * them ({@code optimizer: {lr: 0.1}}), dots them ({@code optimizer.lr: 0.1}) or uses a one-word shorthand
 * ({@code optimizer: adam}).
 */
final class DefaultsReader {

  private final SectionReader sections;
  private final Problems problems;

  DefaultsReader(SectionReader sections) {
    this.sections = sections;
    this.problems = sections.problems();
  }

  /** The settings the file gives, by flat key, each with where it was written. */
  Map<String, Located> read(Entry section) {
    Map<String, Located> settings = new LinkedHashMap<>();
    for (Entry e : sections.entries(section, "{epochs: 10, optimizer: {lr: 0.1}}")) {
      if (TrainingSettings.SECTIONS.contains(e.key())) {
        readSettingsGroup(e, settings);
      } else if (TrainingSettings.reader(e.key()).isPresent()) {
        readSetting(e.key(), e, settings);
      } else {
        List<String> candidates = new ArrayList<>(TrainingSettings.SECTIONS);
        candidates.addAll(TrainingSettings.keys());
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in defaults"
            + Suggestions.didYouMean(e.key(), candidates));
      }
    }
    return settings;
  }

  /** {@code optimizer: {lr: 0.1}} or the shorthand {@code optimizer: adam}. */
  private void readSettingsGroup(Entry group, Map<String, Located> settings) {
    String section = group.key();
    Node node = group.value();
    if (YamlTree.isNull(node)) {
      return;
    }
    if (node instanceof MappingNode mapping) {
      for (Entry e : YamlTree.entries(mapping, problems)) {
        if (TrainingSettings.reader(section + "." + e.key()).isPresent()) {
          readSetting(section + "." + e.key(), e, settings);
        } else {
          problems.at(e.keyNode(), "unknown key '" + e.key() + "' in defaults." + section
              + Suggestions.didYouMeanOrList(e.key(), TrainingSettings.leavesOf(section), "valid keys"));
        }
      }
    } else if (node instanceof ScalarNode) {
      try {
        TrainingSettings.shorthand(section, node).forEach((k, v) -> put(settings, k, new Located(v, node), node));
      } catch (InvalidValue e) {
        problems.at(node, e.messageFor(section));
      }
    } else {
      problems.at(node, section + " must be a mapping such as {type: ..., ...} or a single "
          + (section.equals("augmentation") ? "preset (standard, none)" : "type") + ", got a list");
    }
  }

  private void readSetting(String key, Entry e, Map<String, Located> settings) {
    sections.read(TrainingSettings.reader(key).orElseThrow(), e.value(), key)
        .ifPresent(v -> put(settings, key, v, e.keyNode()));
  }

  private void put(Map<String, Located> settings, String key, Located value, Node keyNode) {
    if (settings.putIfAbsent(key, value) != null) {
      problems.at(keyNode, "'" + key + "' is set twice in defaults");
    }
  }
}
