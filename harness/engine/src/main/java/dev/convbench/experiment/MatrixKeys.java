package dev.convbench.experiment;

import dev.convbench.spi.HyperParameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Resolves the keys written in {@code matrix:} and its include/exclude entries. */
final class MatrixKeys {

  private final Architectures architectures;

  MatrixKeys(Architectures architectures) {
    this.architectures = architectures;
  }

  /**
   * Resolves one key.
   *
   * @param where the section, for messages: {@code matrix}, {@code matrix.include}, ...
   * @return the key, or empty after recording why it is not one
   */
  Optional<MatrixKey> resolve(String key, Node keyNode, Problems problems, String where) {
    if (key.equals(MatrixKey.ARCHITECTURE)) {
      return Optional.of(new MatrixKey(key, architectures.nameReader(), null, false));
    }
    Optional<ValueReader> setting = TrainingSettings.reader(key);
    if (setting.isPresent() && !TrainingSettings.canVary(key)) {
      problems.at(keyNode, "'" + key + "' cannot vary in " + where + ": it changes no number, so every cell would be"
          + " the same run; set it in defaults");
      return Optional.empty();
    }
    if (setting.isPresent()) {
      return Optional.of(new MatrixKey(key, setting.get(), null, false));
    }
    int dot = key.indexOf('.');
    if (dot > 0 && !TrainingSettings.SECTIONS.contains(key.substring(0, dot))) {
      String architecture = key.substring(0, dot);
      String parameter = key.substring(dot + 1);
      if (architectures.find(architecture).isPresent()) {
        Optional<HyperParameter<?>> declared = architectures.parameter(architecture, parameter);
        if (declared.isEmpty()) {
          problems.at(keyNode, architectures.unknownParameter(architecture, parameter));
          return Optional.empty();
        }
        return Optional.of(new MatrixKey(key, Architectures.hyperParameterReader(declared.get()), architecture,
            declared.get().type() == HyperParameter.Type.INTEGER_LIST));
      }
    }
    if (TrainingSettings.SECTIONS.contains(key)) {
      problems.at(keyNode, "'" + key + "' is a group of settings; in " + where + " name one setting, e.g. '" + key
          + "." + TrainingSettings.leavesOf(key).get(0) + "'");
      return Optional.empty();
    }
    problems.at(keyNode, "unknown key '" + key + "' in " + where + Suggestions.didYouMean(key, candidates())
        + " (keys are 'architecture', a setting such as 'optimizer.lr', or '<architecture>.<hyper-parameter>')");
    return Optional.empty();
  }

  /** Every key {@link #resolve} accepts: architecture, each setting a matrix may vary, each hyper-parameter. */
  List<MatrixKey> all() {
    Problems none = new Problems(Path.of("matrix"));
    List<MatrixKey> keys = new ArrayList<>();
    for (String name : candidates()) {
      if (TrainingSettings.canVary(name)) {
        keys.add(resolve(name, null, none, "matrix").orElseThrow(
            () -> new IllegalStateException("a matrix key that does not resolve: " + name)));
      }
    }
    return keys;
  }

  private List<String> candidates() {
    List<String> all = new ArrayList<>();
    all.add(MatrixKey.ARCHITECTURE);
    all.addAll(TrainingSettings.keys());
    for (String architecture : architectures.names()) {
      architectures.parameterNames(architecture).forEach(p -> all.add(architecture + "." + p));
    }
    return all;
  }
}
