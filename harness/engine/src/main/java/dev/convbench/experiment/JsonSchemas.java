package dev.convbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema (draft 2020-12) fragments for the values the loader reads, built from the same bounds and lists the
 * readers check with.
 *
 * <p>The loader reads a value from its text whatever type YAML gave it ({@code "10"}, or {@code 5e-4} that YAML 1.1
 * reads as a string, is a number where a number is expected), so each typed fragment also accepts that value
 * written as text; JSON Schema cannot check the range of such text, which the loader alone does.
 */
final class JsonSchemas {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JsonSchemas() {
  }

  static ObjectNode object() {
    return JSON.objectNode();
  }

  /** {@code {"type": ...}} of one type or, given several, their list. */
  static ObjectNode type(String... types) {
    ObjectNode schema = object();
    if (types.length == 1) {
      schema.put("type", types[0]);
    } else {
      schema.set("type", strings(List.of(types)));
    }
    return schema;
  }

  /** Any scalar but null: what the loader reads as text. */
  static ObjectNode scalar() {
    return type("string", "number", "boolean");
  }

  static ObjectNode anyOf(JsonNode... alternatives) {
    ObjectNode schema = object();
    schema.set("anyOf", arrayOf(alternatives));
    return schema;
  }

  /** The words, or any of them written as text. */
  static ObjectNode oneOf(Collection<String> words) {
    ObjectNode schema = object();
    schema.set("enum", strings(words));
    return schema;
  }

  /** Values equal to one of these (numbers, strings, booleans, lists). */
  static ObjectNode enumOf(Collection<?> values) {
    ObjectNode schema = object();
    schema.set("enum", valueOf(List.copyOf(values)));
    return schema;
  }

  /** A JSON value of a plain Java value: number, string, boolean, list of them. */
  static JsonNode valueOf(Object value) {
    if (value instanceof Integer i) {
      return JSON.numberNode(i);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = JSON.arrayNode();
      list.forEach(element -> array.add(valueOf(element)));
      return array;
    }
    return JSON.textNode(String.valueOf(value));
  }

  /** An integer in [min, max] (no bound where min or max is a long's own limit). */
  static ObjectNode integer(long min, long max) {
    ObjectNode number = type("integer");
    if (min != Long.MIN_VALUE) {
      number.put("minimum", min);
    }
    if (max != Long.MAX_VALUE) {
      number.put("maximum", max);
    }
    return anyOf(number, integerText(min < 0));
  }

  /** An integer written as text ({@code "10"}); without a minus sign where no negative value is allowed. */
  static ObjectNode integerText(boolean negativeAllowed) {
    return text(signed(negativeAllowed, Scalars.INTEGER.pattern()));
  }

  /** A number in the range. */
  static ObjectNode number(NumberRange range) {
    return anyOf(numberIn(range), numberText(negativeAllowed(range)));
  }

  /** A JSON number in the range. */
  private static ObjectNode numberIn(NumberRange range) {
    ObjectNode number = type("number");
    range.min().ifPresent(min -> number.put(range.minInclusive() ? "minimum" : "exclusiveMinimum", min));
    range.max().ifPresent(max -> number.put(range.maxInclusive() ? "maximum" : "exclusiveMaximum", max));
    return number;
  }

  /** A number written as text ({@code "0.1"}, {@code 5e-4}); without a minus sign where no negative is allowed. */
  static ObjectNode numberText(boolean negativeAllowed) {
    return text(signed(negativeAllowed, Scalars.NUMBER.pattern()));
  }

  static boolean negativeAllowed(NumberRange range) {
    return range.min().isEmpty() || range.min().get() < 0;
  }

  /** Nothing, a fraction in the range, or text: the fraction or a percentage such as {@code 90%}. */
  static ObjectNode fractionOrPercent(NumberRange fractions) {
    return anyOf(type("null"), numberIn(fractions),
        text(signed(negativeAllowed(fractions), Scalars.NUMBER.pattern()) + "%?"));
  }

  /** true or false, or any of the words the loader reads as one. */
  static ObjectNode bool() {
    StringBuilder words = new StringBuilder();
    for (String word : Scalars.BOOLEAN_WORDS.keySet()) {
      words.append(words.isEmpty() ? "" : "|");
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        words.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
      }
    }
    return anyOf(type("boolean"), text("(?:" + words + ")"));
  }

  /** A string matching the whole of {@code regex}. */
  static ObjectNode text(String regex) {
    ObjectNode schema = type("string");
    schema.put("pattern", "^" + regex + "$");
    return schema;
  }

  /** A mapping of exactly these keys, each optional, or nothing ({@code section:} left empty). */
  static ObjectNode mapping(Map<String, ? extends JsonNode> properties, boolean nullable) {
    ObjectNode schema = nullable ? type("object", "null") : type("object");
    ObjectNode props = schema.putObject("properties");
    properties.forEach(props::set);
    schema.put("additionalProperties", false);
    return schema;
  }

  /** A list (possibly empty, repeats allowed) of values valid against {@code items}. */
  static ObjectNode listOf(JsonNode items) {
    ObjectNode schema = type("array");
    schema.set("items", items);
    return schema;
  }

  /** A JSON array of these schemas, as anyOf and allOf take. */
  static ArrayNode arrayOf(JsonNode... schemas) {
    ArrayNode array = JSON.arrayNode();
    for (JsonNode schema : schemas) {
      array.add(schema);
    }
    return array;
  }

  /** A non-empty list of distinct values, each valid against {@code items}. */
  static ObjectNode distinctList(JsonNode items) {
    ObjectNode schema = type("array");
    schema.put("minItems", 1);
    schema.put("uniqueItems", true);
    schema.set("items", items);
    return schema;
  }

  /** The fragment with a description (and a default, when given) in front of its rules. */
  static ObjectNode described(String description, Object byDefault, JsonNode fragment) {
    ObjectNode schema = object();
    schema.put("description", description);
    if (byDefault != null) {
      schema.set("default", valueOf(byDefault));
    }
    fragment.properties().forEach(e -> schema.set(e.getKey(), e.getValue()));
    return schema;
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = JSON.arrayNode();
    values.forEach(array::add);
    return array;
  }

  /** A text form of a number; without its minus sign where the range has no negative value. */
  private static String signed(boolean negativeAllowed, String numberRegex) {
    if (negativeAllowed) {
      return numberRegex;
    }
    if (!numberRegex.startsWith("[-+]?")) {
      throw new IllegalStateException("a number pattern starts with its sign: " + numberRegex);
    }
    return "\\+?" + numberRegex.substring("[-+]?".length());
  }
}
