package dev.convbench.experiment;

import dev.convbench.experiment.YamlTree.Entry;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** What every section reader needs: mapping sections and values read, with problems recorded instead of thrown. */
final class SectionReader {

  private final Problems problems;

  SectionReader(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /**
   * The entries of a section that must be a mapping; an empty section ({@code defaults:}) has none.
   */
  List<Entry> entries(Entry section, String example) {
    if (section == null || YamlTree.isNull(section.value())) {
      return List.of();
    }
    if (!(section.value() instanceof MappingNode mapping)) {
      problems.at(section.value(), section.key() + " must be a mapping such as " + example + ", got "
          + YamlTree.describe(section.value()));
      return List.of();
    }
    return YamlTree.entries(mapping, problems);
  }

  /** Reads a value, or records why it is invalid. */
  Optional<Located> read(ValueReader reader, Node node, String key) {
    try {
      return Optional.of(new Located(reader.read(node), node));
    } catch (InvalidValue e) {
      problems.at(node, e.messageFor(key));
      return Optional.empty();
    }
  }
}
