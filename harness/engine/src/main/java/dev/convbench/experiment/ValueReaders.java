package dev.convbench.experiment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Readers for the value types of the schema. Messages follow {@code must be <expectation>, got <value>}. */
final class ValueReaders {

  private ValueReaders() {
  }

  /** The text of a non-empty scalar, or a refusal naming what was expected. */
  static String text(Node node, String expectation) throws InvalidValue {
    if (!(node instanceof ScalarNode scalar) || YamlTree.isNull(node)) {
      throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node));
    }
    return scalar.getValue();
  }

  static ValueReader integer(long min, long max, String expectation) {
    return ValueReader.of(JsonSchemas.integer(min, max), node -> {
      String text = text(node, expectation);
      Optional<Number> value = Scalars.integer(text);
      if (value.isEmpty() || value.get().longValue() < min || value.get().longValue() > max) {
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node));
      }
      return value.get();
    });
  }

  static ValueReader number(NumberRange range, String expectation) {
    return ValueReader.of(JsonSchemas.number(range), node -> {
      String text = text(node, expectation);
      OptionalDouble value = Scalars.number(text);
      if (value.isEmpty() || !range.contains(value.getAsDouble())) {
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node));
      }
      return value.getAsDouble();
    });
  }

  static ValueReader bool() {
    return ValueReader.of(JsonSchemas.bool(), node -> Scalars.bool(text(node, "true or false"))
        .orElseThrow(() -> InvalidValue.because("must be true or false, got " + YamlTree.describe(node))));
  }

  /** What {@link #choice} expects: {@code one of a, b, c}. */
  static String oneOf(List<String> choices) {
    return "one of " + String.join(", ", choices);
  }

  /** One of a fixed list of words; suggests the nearest on a typo. */
  static ValueReader choice(List<String> choices) {
    String expectation = oneOf(choices);
    return ValueReader.of(JsonSchemas.oneOf(choices), node -> {
      String text = text(node, expectation);
      if (!choices.contains(text)) {
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node)
            + Suggestions.didYouMean(text, choices));
      }
      return text;
    });
  }

  /** Any scalar but null, as written. */
  static ValueReader string(String expectation) {
    return ValueReader.of(JsonSchemas.scalar(), node -> text(node, expectation));
  }

  /**
   * A fraction in (0, 1] such as {@code 0.9}, or a percentage in (0, 100] such as {@code 90%}; an empty value
   * means "none" (null).
   */
  static final String FRACTION_OR_PERCENT = "a fraction in (0, 1] such as 0.9, or a percentage such as 90%";

  /** The fractions {@link #fractionOrPercent} accepts, a percentage divided by 100. */
  private static final NumberRange FRACTION = new NumberRange(Optional.of(0.0), false, Optional.of(1.0), true);

  static ValueReader fractionOrPercent() {
    String expectation = FRACTION_OR_PERCENT;
    return ValueReader.of(JsonSchemas.fractionOrPercent(FRACTION), node -> {
      if (YamlTree.isNull(node)) {
        return null;
      }
      String text = text(node, expectation).strip();
      boolean percent = text.endsWith("%");
      OptionalDouble parsed = Scalars.number(percent ? text.substring(0, text.length() - 1) : text);
      if (parsed.isEmpty()) {
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node));
      }
      double value = percent ? parsed.getAsDouble() / 100 : parsed.getAsDouble();
      if (!FRACTION.contains(value)) {
        String hint = !percent && value >= 10 && value <= 100 // looks like a percentage
            ? " (for " + Scalars.formatNumber(value) + " percent write " + Scalars.formatNumber(value / 100)
                + " or " + Scalars.formatNumber(value) + "%)"
            : "";
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node) + hint);
      }
      return value;
    });
  }
}
