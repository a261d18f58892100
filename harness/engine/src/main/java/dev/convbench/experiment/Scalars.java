package dev.convbench.experiment;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Interpretation and display of scalar values.
 *
 * <p>Values are interpreted from their text, whatever type YAML inferred: YAML 1.1 (SnakeYAML) reads {@code 5e-4}
 * as a string because it has no dot, and a quoted {@code "0.1"} is a string too, yet both plainly mean a number
 * where a number is expected.
 */
final class Scalars {

  static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");
  static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?");

  private Scalars() {
  }

  /** A decimal integer (underscores allowed, as in YAML): an Integer when it fits, else a Long. */
  static Optional<Number> integer(String text) {
    String t = text.strip();
    if (!INTEGER.matcher(t).matches()) {
      return Optional.empty();
    }
    try {
      long value = Long.parseLong(t.replace("_", ""));
      return Optional.of(narrow(value));
    } catch (NumberFormatException e) {
      return Optional.empty(); // out of long range
    }
  }

  /** Integer when it fits, so that equal values compare equal whatever their origin. */
  static Number narrow(long value) {
    if (value == (int) value) {
      return Integer.valueOf((int) value); // not a ?: expression, which would unbox both sides to long
    }
    return Long.valueOf(value);
  }

  /** A finite decimal number such as {@code 0.1}, {@code .5}, {@code 5e-4} or {@code 1_000}. */
  static OptionalDouble number(String text) {
    String t = text.strip();
    if (!NUMBER.matcher(t).matches()) {
      return OptionalDouble.empty();
    }
    double value = Double.parseDouble(t.replace("_", ""));
    return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
  }

  /** YAML 1.1 booleans, read in any case. */
  static final Map<String, Boolean> BOOLEAN_WORDS = booleanWords();

  private static Map<String, Boolean> booleanWords() {
    Map<String, Boolean> words = new LinkedHashMap<>();
    List.of("true", "yes", "on").forEach(w -> words.put(w, Boolean.TRUE));
    List.of("false", "no", "off").forEach(w -> words.put(w, Boolean.FALSE));
    return Collections.unmodifiableMap(words);
  }

  /** YAML 1.1 booleans: true/false, yes/no, on/off, in any case. */
  static Optional<Boolean> bool(String text) {
    return Optional.ofNullable(BOOLEAN_WORDS.get(text.strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * Canonical display of a value: the same value always displays the same way, however it was written
   * ({@code 0.10} and {@code 1e-1} both show as {@code 0.1}; {@code 5e-4} as {@code 5e-4}). Lists show as
   * {@code [16, 32]}, null as {@code none}.
   */
  static String format(Object value) {
    if (value == null) {
      return "none";
    }
    if (value instanceof Double d) {
      return formatNumber(d);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Scalars::format).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }

  /** Plain notation between 0.001 and 10^7, else compact scientific ({@code 5e-4}, {@code 1.5e-8}). */
  static String formatNumber(double d) {
    if (d == 0) {
      return "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    double magnitude = Math.abs(d);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
      return exact.toPlainString();
    }
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (d < 0 ? "-" : "") + mantissa + "e" + exponent;
  }
}
