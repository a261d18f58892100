package dev.convbench.spi;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A typed, documented hyper-parameter of an architecture, with its default and its validity rule, and the key its
 * value is read with.
 *
 * <p>Declare each as a constant, list the constants in {@link ArchitecturePlugin#hyperParameters()} and read the
 * values through the same constants:
 * <pre>{@code
 * static final HyperParameter<Integer> DEPTH = HyperParameter.integer("depth", 18, "number of layers").oneOf(18, 34);
 *
 * public List<HyperParameter<?>> hyperParameters() { return List.of(DEPTH); }
 *
 * public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
 *   int depth = params.get(DEPTH);
 *   ...
 * }
 * }</pre>
 *
 * <p>Every value reaches a plugin through {@link #value(Object)}, whether it was written in an experiment file, on
 * the command line or read back from stored results: that method is the one conversion of a parsed value to the
 * parameter's type, and the one check of its range and choices.
 *
 * @param <T> the type of its values: {@link Integer}, {@link Double}, {@link Boolean}, {@link String} or
 *     {@code List<Integer>}
 */
@Stable
public final class HyperParameter<T> {

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
  private final T defaultValue;
  private final String description;
  private final Double min;
  private final Double max;
  private final List<T> choices;

  private HyperParameter(String name, Type type, Object defaultValue, String description, Double min, Double max,
      List<?> choices) {
    if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("hyper-parameter name must be lower-case kebab-case: " + name);
    }
    this.name = name;
    this.type = Objects.requireNonNull(type);
    this.description = Objects.requireNonNull(description);
    this.min = min;
    this.max = max;
    List<T> readChoices = new ArrayList<>();
    for (Object choice : choices) {
      readChoices.add(readUnrestricted(choice)
          .orElseThrow(problem -> "choice " + show(choice) + " of " + name + " " + problem));
    }
    this.choices = List.copyOf(readChoices);
    this.defaultValue = read(defaultValue).orElseThrow(problem -> "default of " + name + " is invalid: " + problem);
  }

  public static HyperParameter<Integer> integer(String name, int defaultValue, String description) {
    return new HyperParameter<>(name, Type.INTEGER, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter<Double> number(String name, double defaultValue, String description) {
    return new HyperParameter<>(name, Type.NUMBER, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter<Boolean> bool(String name, boolean defaultValue, String description) {
    return new HyperParameter<>(name, Type.BOOLEAN, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter<String> string(String name, String defaultValue, String description) {
    return new HyperParameter<>(name, Type.STRING, defaultValue, description, null, null, List.of());
  }

  public static HyperParameter<List<Integer>> integerList(String name, List<Integer> defaultValue,
      String description) {
    return new HyperParameter<>(name, Type.INTEGER_LIST, defaultValue, description, null, null, List.of());
  }

  /**
   * Same parameter, limited to {@code [min, max]}: for numbers, integers and each element of a list of integers.
   *
   * @throws IllegalArgumentException for a boolean or string parameter, which has no range
   */
  public HyperParameter<T> range(double min, double max) {
    if (type == Type.BOOLEAN || type == Type.STRING) {
      throw new IllegalArgumentException(name + " is a " + type.label() + ": only numbers have a range");
    }
    return new HyperParameter<>(name, type, defaultValue, description, min, max, choices);
  }

  /** Same parameter, limited to the given values. */
  @SafeVarargs
  public final HyperParameter<T> oneOf(T... values) {
    List<Object> allowed = new ArrayList<>();
    for (T value : values) {
      allowed.add(value);
    }
    return new HyperParameter<>(name, type, defaultValue, description, min, max, allowed);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public List<T> choices() {
    return choices;
  }

  public Optional<Double> min() {
    return Optional.ofNullable(min);
  }

  public Optional<Double> max() {
    return Optional.ofNullable(max);
  }

  /**
   * This parameter's value for {@code given}, a value as a parser produced it: a {@link Number} for a number (an
   * integral one for an integer), a {@link Boolean}, a {@link String}, or a {@link List} of integral numbers. The
   * result has one form for one value, whichever parser produced it: an {@code Integer}, a {@code Double}, or an
   * unmodifiable list of {@code Integer}s.
   *
   * @throws IllegalArgumentException saying what is wrong, without the parameter's name, e.g.
   *     {@code must be an integer, got 'abc'}
   */
  public T value(Object given) {
    return read(given).orElseThrow(problem -> problem);
  }

  /**
   * What is wrong with {@code given} as a value of this parameter (see {@link #value(Object)}).
   *
   * @return a problem description such as {@code "must be an integer, got 'abc'"}, or empty when valid
   */
  public Optional<String> check(Object given) {
    return Optional.ofNullable(read(given).problem());
  }

  /** A value read, or why it cannot be one. */
  private record Reading<V>(V value, String problem) {
    static <V> Reading<V> valid(V value) {
      return new Reading<>(value, null);
    }

    static <V> Reading<V> invalid(String problem) {
      return new Reading<>(null, problem);
    }

    V orElseThrow(UnaryOperator<String> message) {
      if (problem != null) {
        throw new IllegalArgumentException(message.apply(problem));
      }
      return value;
    }
  }

  private Reading<T> read(Object given) {
    Reading<T> read = readUnrestricted(given);
    if (read.problem() == null && !choices.isEmpty() && !choices.contains(read.value())) {
      List<String> shown = new ArrayList<>();
      choices.forEach(c -> shown.add(String.valueOf(c)));
      return Reading.invalid("must be one of " + String.join(", ", shown) + ", got " + show(read.value()));
    }
    return read;
  }

  /** {@code given} converted to this parameter's type and checked against its range, not its choices. */
  private Reading<T> readUnrestricted(Object given) {
    if (given == null) {
      return Reading.invalid("must be " + (type == Type.INTEGER ? "an " : "a ") + type.label() + ", got nothing");
    }
    Reading<?> read = switch (type) {
      case INTEGER -> readInteger(given, "must be an integer, got ", "");
      case NUMBER -> readNumber(given);
      case BOOLEAN -> given instanceof Boolean ? Reading.valid(given)
          : Reading.invalid("must be true or false, got " + show(given));
      case STRING -> given instanceof String ? Reading.valid(given)
          : Reading.invalid("must be a string, got " + show(given));
      case INTEGER_LIST -> readIntegerList(given);
    };
    if (read.problem() != null) {
      return Reading.invalid(read.problem());
    }
    // Each factory fixes T to what its type's branch above produces.
    @SuppressWarnings("unchecked")
    T value = (T) read.value();
    return Reading.valid(value);
  }

  private Reading<Integer> readInteger(Object given, String notAnInteger, String rangePrefix) {
    if (!(given instanceof Integer || given instanceof Long || given instanceof Short || given instanceof Byte
        || given instanceof BigInteger)) {
      return Reading.invalid(notAnInteger + show(given));
    }
    double v = ((Number) given).doubleValue();
    Optional<String> outside = checkRange(v);
    if (outside.isEmpty() && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
      outside = Optional.of("must be between " + fmt((double) Integer.MIN_VALUE) + " and "
          + fmt((double) Integer.MAX_VALUE) + ", got " + given);
    }
    return outside.isPresent() ? Reading.invalid(rangePrefix + outside.get())
        : Reading.valid(((Number) given).intValue());
  }

  private Reading<Double> readNumber(Object given) {
    if (!(given instanceof Number number)) {
      return Reading.invalid("must be a number, got " + show(given));
    }
    double v = number.doubleValue();
    if (!Double.isFinite(v)) {
      return Reading.invalid("must be a finite number, got " + given);
    }
    Optional<String> outside = checkRange(v);
    return outside.isPresent() ? Reading.invalid(outside.get()) : Reading.valid(v);
  }

  private Reading<List<Integer>> readIntegerList(Object given) {
    if (!(given instanceof List<?> list) || list.isEmpty()) {
      return Reading.invalid("must be a non-empty list of integers, e.g. [1, 2], got " + show(given));
    }
    List<Integer> elements = new ArrayList<>();
    for (Object element : list) {
      Reading<Integer> read = readInteger(element, "must be a list of integers, got element ", "each element ");
      if (read.problem() != null) {
        return Reading.invalid(read.problem());
      }
      elements.add(read.value());
    }
    return Reading.valid(List.copyOf(elements));
  }

  private Optional<String> checkRange(double v) {
    if (Double.isNaN(v) || (min != null && v < min) || (max != null && v > max)) {
      return Optional.of("must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(v));
    }
    return Optional.empty();
  }

  private static String fmt(Double d) {
    if (d == null) {
      return "any";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
  }

  private static String show(Object v) {
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  /** Equal when everything declared is equal: a value read with one is valid for the other. */
  @Override
  public boolean equals(Object o) {
    return o instanceof HyperParameter<?> other && name.equals(other.name) && type == other.type
        && Objects.equals(defaultValue, other.defaultValue) && description.equals(other.description)
        && Objects.equals(min, other.min) && Objects.equals(max, other.max) && choices.equals(other.choices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, defaultValue, description, min, max, choices);
  }

  @Override
  public String toString() {
    return name + " (" + type.label() + ", default " + defaultValue + ")";
  }
}
