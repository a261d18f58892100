package dev.convbench.experiment;

import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Hyper-parameter values written outside an experiment file, as {@code describe} and {@code bench} take them
 * ({@code -p depth=34}), read and shown by the experiment file's own rules: {@code -p width-multiplier=5e-4} means
 * what {@code width-multiplier: 5e-4} means in a file, and shows as in a run's label.
 */
public final class HyperParameterTexts {

  private HyperParameterTexts() {
  }

  /**
   * The values of {@code plugin}'s hyper-parameters given as YAML text by name, checked against its declarations;
   * defaults fill the rest.
   *
   * @throws IllegalArgumentException naming every unknown key and invalid value, e.g.
   *     {@code depth must be one of 18, 34, got 50; architecture 'resnet' has no hyper-parameter 'dept'; did you
   *     mean 'depth'?}
   */
  public static HyperParameters read(ArchitecturePlugin plugin, Map<String, String> texts) {
    Architectures architectures = new Architectures(List.of(plugin));
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    texts.forEach((key, text) -> {
      Optional<HyperParameter<?>> parameter = architectures.parameter(plugin.name(), key);
      if (parameter.isEmpty()) {
        problems.add(architectures.unknownParameter(plugin.name(), key));
        return;
      }
      Problems syntax = new Problems(Path.of(key));
      Optional<Node> node = YamlTree.compose(text, syntax);
      if (syntax.count() > 0) {
        problems.add(key + " " + syntax.sorted().get(0).message());
      } else if (node.isEmpty()) {
        problems.add(key + " " + parameter.get().check(null).orElseThrow());
      } else {
        try {
          values.put(key, Architectures.hyperParameterReader(parameter.get()).read(node.get()));
        } catch (InvalidValue e) {
          problems.add(e.messageFor(key));
        }
      }
    });
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return HyperParameters.resolve(plugin.hyperParameters(), values);
  }

  /** {@code depth=34, stem=cifar, width-multiplier=5e-4}: each value as run labels show it. */
  public static String show(HyperParameters values) {
    return values.asMap().entrySet().stream().map(e -> e.getKey() + "=" + Scalars.format(e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
