package dev.convbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The available architecture plugins as the validator sees them: names to check against, and readers for their
 * hyper-parameters.
 */
final class Architectures {

  private final Map<String, ArchitecturePlugin> byName = new LinkedHashMap<>();

  Architectures(Collection<? extends ArchitecturePlugin> available) {
    for (ArchitecturePlugin plugin : available) {
      byName.putIfAbsent(plugin.name(), plugin); // the plugin loader reports clashes; the first one wins here
    }
  }

  Set<String> names() {
    return Collections.unmodifiableSet(byName.keySet());
  }

  Optional<ArchitecturePlugin> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  ArchitecturePlugin get(String name) {
    return find(name).orElseThrow(() -> new IllegalStateException("not validated: " + name));
  }

  /** {@code unknown architecture 'x'; did you mean 'y'? (available: a, b)}. */
  String unknown(String name) {
    if (byName.isEmpty()) {
      return "unknown architecture '" + name + "': no architecture plugins are installed";
    }
    return "unknown architecture '" + name + "'" + Suggestions.didYouMean(name, byName.keySet())
        + " (available: " + String.join(", ", byName.keySet()) + ")";
  }

  /** Reads an architecture name and checks that a plugin provides it. */
  ValueReader nameReader() {
    return ValueReader.of(JsonSchemas.oneOf(byName.keySet()), node -> {
      String name = ValueReaders.text(node, "an architecture name");
      if (!byName.containsKey(name)) {
        throw InvalidValue.complete(unknown(name));
      }
      return name;
    });
  }

  /** {@code 'resnet' has no hyper-parameter 'dept'; did you mean 'depth'?} (or the list of its parameters). */
  String unknownParameter(String architecture, String parameter) {
    List<String> declared = parameterNames(architecture);
    if (declared.isEmpty()) {
      return "architecture '" + architecture + "' has no hyper-parameters, so '" + parameter + "' cannot be set";
    }
    return "architecture '" + architecture + "' has no hyper-parameter '" + parameter + "'"
        + Suggestions.didYouMeanOrList(parameter, declared, "its hyper-parameters are");
  }

  List<String> parameterNames(String architecture) {
    return get(architecture).hyperParameters().stream().map(HyperParameter::name).toList();
  }

  Optional<HyperParameter<?>> parameter(String architecture, String parameter) {
    return get(architecture).hyperParameters().stream().filter(p -> p.name().equals(parameter)).findFirst();
  }

  /**
   * Reads a hyper-parameter value: interprets the YAML text as the parameter's type expects where it can (so that
   * {@code 5e-4} is a number), then leaves the conversion and the check to {@link HyperParameter#value}.
   */
  static ValueReader hyperParameterReader(HyperParameter<?> parameter) {
    return ValueReader.of(schema(parameter), node -> {
      try {
        return parameter.value(convert(parameter.type(), node));
      } catch (IllegalArgumentException e) {
        throw InvalidValue.because(e.getMessage());
      }
    });
  }

  /** The JSON Schema of a hyper-parameter's values, from its declared type, range and choices. */
  private static ObjectNode schema(HyperParameter<?> parameter) {
    Optional<Double> min = parameter.min();
    Optional<Double> max = parameter.max();
    ObjectNode integer = JsonSchemas.integer(min.map(m -> (long) Math.ceil(m)).orElse((long) Integer.MIN_VALUE),
        max.map(m -> (long) Math.floor(m)).orElse((long) Integer.MAX_VALUE));
    ObjectNode one = switch (parameter.type()) {
      case INTEGER, INTEGER_LIST -> integer;
      case NUMBER -> JsonSchemas.number(new NumberRange(min, true, max, true));
      case BOOLEAN -> JsonSchemas.bool();
      case STRING -> JsonSchemas.scalar();
    };
    if (!parameter.choices().isEmpty()) {
      // A choice may also be written as text ("34"), as any value; only strings are their own text.
      ObjectNode choices = JsonSchemas.enumOf(parameter.choices());
      boolean negativeAllowed = min.isEmpty() || min.get() < 0;
      one = switch (parameter.type()) {
        case INTEGER -> JsonSchemas.anyOf(choices, JsonSchemas.integerText(negativeAllowed));
        case NUMBER -> JsonSchemas.anyOf(choices, JsonSchemas.numberText(negativeAllowed));
        case BOOLEAN, STRING, INTEGER_LIST -> choices;
      };
    }
    if (parameter.type() == HyperParameter.Type.INTEGER_LIST && parameter.choices().isEmpty()) {
      one = JsonSchemas.listOf(one);
      one.put("minItems", 1);
    }
    return one;
  }

  private static Object convert(HyperParameter.Type type, Node node) throws InvalidValue {
    if (YamlTree.isNull(node)) {
      return null;
    }
    if (type == HyperParameter.Type.INTEGER_LIST) {
      if (node instanceof SequenceNode sequence) {
        List<Object> elements = new ArrayList<>();
        for (Node element : sequence.getValue()) {
          if (!(element instanceof ScalarNode scalar)) {
            throw InvalidValue.because("must be a list of integers, got element " + YamlTree.describe(element));
          }
          elements.add(YamlTree.isNull(element) ? null : convertScalar(HyperParameter.Type.INTEGER, scalar));
        }
        return Collections.unmodifiableList(elements);
      }
      if (!(node instanceof ScalarNode scalarNode)) {
        throw InvalidValue.because("must be a non-empty list of integers, e.g. [1, 2], got a mapping");
      }
      return convertScalar(HyperParameter.Type.INTEGER, scalarNode); // value() explains it is no list
    }
    if (!(node instanceof ScalarNode scalar)) {
      throw InvalidValue.because("must be " + (type == HyperParameter.Type.INTEGER ? "an " : "a ") + type.label()
          + ", got " + YamlTree.describe(node));
    }
    return convertScalar(type, scalar);
  }

  // Unconvertible text stays a String, so that value() reports it as "got 'abc'".
  private static Object convertScalar(HyperParameter.Type type, ScalarNode scalar) {
    String text = scalar.getValue();
    return switch (type) {
      case INTEGER -> Scalars.integer(text).<Object>map(n -> n)
          .orElseGet(() -> {
            var number = Scalars.number(text);
            return number.isPresent() ? (Object) number.getAsDouble() : text;
          });
      case NUMBER -> {
        var number = Scalars.number(text);
        yield number.isPresent() ? (Object) number.getAsDouble() : text;
      }
      case BOOLEAN -> Scalars.bool(text).<Object>map(b -> b).orElse(text);
      case STRING, INTEGER_LIST -> text;
    };
  }
}
