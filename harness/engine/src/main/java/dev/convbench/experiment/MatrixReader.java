package dev.convbench.experiment;

import dev.convbench.experiment.MatrixSpec.Dimension;
import dev.convbench.experiment.MatrixSpec.Selector;
import dev.convbench.experiment.MatrixSpec.Setting;
import dev.convbench.experiment.YamlTree.Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code matrix:} (and a top-level {@code architecture:}) into a {@link MatrixSpec}, validating every value. */
final class MatrixReader {

  private final SectionReader sections;
  private final Problems problems;
  private final MatrixKeys matrixKeys;

  MatrixReader(SectionReader sections, MatrixKeys matrixKeys) {
    this.sections = sections;
    this.problems = sections.problems();
    this.matrixKeys = matrixKeys;
  }

  /**
   * @param section the {@code matrix:} entry, or null
   * @param topLevelArchitecture the top-level {@code architecture:} entry, or null
   * @param root the document, where problems about a missing matrix point
   */
  MatrixSpec read(Entry section, Entry topLevelArchitecture, Node root) {
    List<Dimension> dimensions = new ArrayList<>();
    List<Selector> includes = new ArrayList<>();
    List<Selector> excludes = new ArrayList<>();
    List<Entry> entries = sections.entries(section, "{architecture: [resnet18], optimizer.lr: [0.01, 0.1]}");
    if (topLevelArchitecture != null) {
      if (entries.stream().anyMatch(e -> e.key().equals(MatrixKey.ARCHITECTURE))) {
        problems.at(topLevelArchitecture.keyNode(),
            "architecture is given both at the top level and in matrix; keep one");
      } else {
        MatrixKey key = matrixKeys.resolve(MatrixKey.ARCHITECTURE, topLevelArchitecture.keyNode(), problems, "")
            .orElseThrow();
        readDimension(key, topLevelArchitecture, "architecture").ifPresent(dimensions::add);
      }
    }
    for (Entry e : entries) {
      switch (e.key()) {
        case "include" -> includes.addAll(readSelectors(e));
        case "exclude" -> excludes.addAll(readSelectors(e));
        default -> matrixKeys.resolve(e.key(), e.keyNode(), problems, "matrix")
            .flatMap(key -> readDimension(key, e, "matrix." + e.key()))
            .ifPresent(dimensions::add);
      }
    }
    Node node = section != null ? section.keyNode() : root;
    checkExcludeKeys(excludes, dimensions);
    boolean hasArchitecture = dimensions.stream().anyMatch(d -> d.key().isArchitecture())
        || includes.stream().anyMatch(i -> i.settings().stream().anyMatch(s -> s.key().isArchitecture()));
    // Where architectures were written but are invalid, that problem is reported already.
    boolean architectureProblem = topLevelArchitecture != null
        || entries.stream().anyMatch(e -> e.key().equals(MatrixKey.ARCHITECTURE))
        || (section != null && !YamlTree.isNull(section.value()) && !(section.value() instanceof MappingNode));
    if (!hasArchitecture && !architectureProblem) {
      problems.at(node, "no architecture to train: list them in 'matrix: {architecture: [...]}' "
          + "or in a top-level 'architecture:'");
    }
    return new MatrixSpec(node, dimensions, excludes, includes);
  }

  private Optional<Dimension> readDimension(MatrixKey key, Entry e, String where) {
    Node node = e.value();
    List<Node> valueNodes;
    if (node instanceof SequenceNode sequence) {
      valueNodes = sequence.getValue();
    } else if (node instanceof ScalarNode && !YamlTree.isNull(node)) {
      valueNodes = List.of(node); // a single value needs no brackets
    } else if (YamlTree.isNull(node)) {
      valueNodes = List.of();
    } else {
      problems.at(node, where + " must be a list of values, got a mapping");
      return Optional.empty();
    }
    if (valueNodes.isEmpty()) {
      problems.at(node, where + " must list at least one value");
      return Optional.empty();
    }
    List<Located> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    int mark = problems.count();
    for (Node valueNode : valueNodes) {
      try {
        Object value = key.reader().read(valueNode);
        if (!seen.add(value)) {
          problems.at(valueNode, "duplicate value " + Scalars.format(value) + " in " + where);
        } else {
          values.add(new Located(value, valueNode));
        }
      } catch (InvalidValue invalid) {
        String hint = key.listValued() && valueNode instanceof ScalarNode
            ? " (each matrix value of '" + key.name() + "' is itself a list: write [[16, 32], [32, 64]])"
            : "";
        problems.at(valueNode, invalid.messageFor(key.name()) + hint);
      }
    }
    return problems.count() == mark ? Optional.of(new Dimension(key, e.keyNode(), values)) : Optional.empty();
  }

  private List<Selector> readSelectors(Entry section) {
    String where = "matrix." + section.key();
    Node node = section.value();
    if (YamlTree.isNull(node)) {
      return List.of();
    }
    List<Node> entryNodes = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    List<Selector> selectors = new ArrayList<>();
    for (Node entryNode : entryNodes) {
      if (!(entryNode instanceof MappingNode mapping)) {
        problems.at(entryNode, "each " + section.key() + " entry must be a mapping such as "
            + "{architecture: resnet18, optimizer.lr: 0.2}, got " + YamlTree.describe(entryNode));
        continue;
      }
      List<Setting> settings = new ArrayList<>();
      for (Entry e : YamlTree.entries(mapping, problems)) {
        matrixKeys.resolve(e.key(), e.keyNode(), problems, where).ifPresent(key ->
            sections.read(key.reader(), e.value(), key.name())
                .ifPresent(v -> settings.add(new Setting(key, e.keyNode(), v))));
      }
      if (mapping.getValue().isEmpty()) {
        problems.at(entryNode, "empty " + section.key() + " entry");
      }
      selectors.add(new Selector(entryNode, settings));
    }
    return selectors;
  }

  private void checkExcludeKeys(List<Selector> excludes, List<Dimension> dimensions) {
    List<String> dimensionKeys = dimensions.stream().map(d -> d.key().name()).toList();
    for (Selector exclude : excludes) {
      for (Setting s : exclude.settings()) {
        if (!dimensionKeys.contains(s.key().name())) {
          problems.at(s.keyNode(), "exclude key '" + s.key().name() + "' is not a matrix key; exclude removes "
              + "cells by their matrix values (" + String.join(", ", dimensionKeys) + ")");
        }
      }
    }
  }
}
