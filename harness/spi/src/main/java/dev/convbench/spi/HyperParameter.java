package dev.convbench.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed, documented hyper-parameter of an architecture, with its default and its validity rule.
 *
 * <p>Create with the static factories, e.g. {@code HyperParameter.integer("depth", 18, "number of layers").oneOf(18, 34)}.
 * Values in experiment files are checked with {@link #check(Object)} before any training starts.
 */
@Stable
public final class HyperParameter {

  /** The YAML-level type of a value. */
  public enum Type {
    INTEGER, NUMBER, BOOLEAN, STRING, INTEGER_LIST;

    /** Lower-case name as shown in messages and {@code describe}. */
    public String label() {
      return switch (this) {
        case INTEGER -> "integer";
        case NUMBER -> "number";
        case BOOLEAN -> "boolean";
        case STRING -> "string";
        case INTEGER_LIST -> "list of integers";
      };
    }
  }

  private final String name;
  private final Type type;
  private final Object defaultValue;
  private final String description;
  private final Double min;
  private final Double max;
  private final List<Object> choices;

  private HyperParameter(String name, Type type, Object defaultValue, String description, Double min, Double max,
      List<Object> choices) {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("hyper-parameter name must be lower-case kebab-case: " + name);
    }
    this.name = name;
    this.type = Objects.requireNonNull(type);
    this.defaultValue = defaultValue;
    this.description = Objects.requireNonNull(description);
    this.min = min;
    this.max = max;
    this.choices = List.copyOf(choices);
    check(defaultValue).ifPresent(problem -> {
      throw new IllegalArgumentException("default of " + name + " is invalid: " + problem);
    });
  }

  public static HyperParameter integer(String name, int defaultValue, String description) {
    return new HyperParameter(name, Type.INTEGER, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter number(String name, double defaultValue, String description) {
    return new HyperParameter(name, Type.NUMBER, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter bool(String name, boolean defaultValue, String description) {
    return new HyperParameter(name, Type.BOOLEAN, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter string(String name, String defaultValue, String description) {
    return new HyperParameter(name, Type.STRING, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter integerList(String name, List<Integer> defaultValue, String description) {
    return new HyperParameter(name, Type.INTEGER_LIST, List.copyOf(defaultValue), description, null, null, List.of());
  }

  /** Same parameter, limited to {@code [min, max]} (for numbers, integers and each list element). */
  public HyperParameter range(double min, double max) {
    return new HyperParameter(name, type, defaultValue, description, min, max, choices);
  }

  /** Same parameter, limited to the given values. */
  public HyperParameter oneOf(Object... values) {
    return new HyperParameter(name, type, defaultValue, description, min, max, List.of(values));
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public Object defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public List<Object> choices() {
    return choices;
  }

  public Optional<Double> min() {
    return Optional.ofNullable(min);
  }

  public Optional<Double> max() {
    return Optional.ofNullable(max);
  }

  /**
   * Checks a value as it comes from YAML (Integer/Long, Double, Boolean, String, List).
   *
   * @return a problem description such as {@code "must be an integer, got 'abc'"}, or empty when valid
   */
  public Optional<String> check(Object value) {
    if (value == null) {
      return Optional.of("must be " + article(type) + ", got nothing");
    }
    switch (type) {
      case INTEGER -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          return Optional.of("must be an integer, got " + show(value));
        }
        return checkRange(((Number) value).doubleValue()).or(() -> checkChoice(((Number) value).intValue()));
      }
      case NUMBER -> {
        if (!(value instanceof Number number)) {
          return Optional.of("must be a number, got " + show(value));
        }
        return checkRange(number.doubleValue());
      }
      case BOOLEAN -> {
        return value instanceof Boolean ? Optional.empty() : Optional.of("must be true or false, got " + show(value));
      }
      case STRING -> {
        return value instanceof String s ? checkChoice(s) : Optional.of("must be a string, got " + show(value));
      }
      case INTEGER_LIST -> {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
          return Optional.of("must be a non-empty list of integers, e.g. [1, 2], got " + show(value));
        }
        for (Object element : list) {
          if (!(element instanceof Integer || element instanceof Long)) {
            return Optional.of("must be a list of integers, got element " + show(element));
          }
          Optional<String> problem = checkRange(((Number) element).doubleValue());
          if (problem.isPresent()) {
            return Optional.of("each element " + problem.get());
          }
        }
        return Optional.empty();
      }
      default -> throw new AssertionError(type);
    }
  }

  private Optional<String> checkRange(double v) {
    if (Double.isNaN(v) || (min != null && v < min) || (max != null && v > max)) {
      return Optional.of("must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(v));
    }
    return Optional.empty();
  }

  private Optional<String> checkChoice(Object v) {
    if (choices.isEmpty()) {
      return Optional.empty();
    }
    for (Object c : choices) {
      if (c.equals(v) || (c instanceof Number n && v instanceof Number m && n.doubleValue() == m.doubleValue())) {
        return Optional.empty();
      }
    }
    List<String> shown = new ArrayList<>();
    choices.forEach(c -> shown.add(String.valueOf(c)));
    return Optional.of("must be one of " + String.join(", ", shown) + ", got " + show(v));
  }

  private static String fmt(Double d) {
    if (d == null) {
      return "any";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
  }

  private static String article(Type t) {
    return t == Type.INTEGER ? "an integer" : "a " + t.label();
  }

  private static String show(Object v) {
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  @Override
  public String toString() {
    return name + " (" + type.label() + ", default " + defaultValue + ")";
  }
}
