package dev.convbench.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as people write them on a command line: {@code 90s}, {@code 5m}, {@code 1h}, or ISO-8601 {@code PT5M}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(v);
    if (m.matches()) {
      double amount = Double.parseDouble(m.group(1));
      double millis = switch (m.group(2)) {
        case "ms" -> amount;
        case "s" -> amount * 1_000;
        case "m", "min" -> amount * 60_000;
        case "h" -> amount * 3_600_000;
        default -> throw new AssertionError(m.group(2));
      };
      return positive(Duration.ofMillis(Math.round(millis)), value);
    }
    try {
      return positive(Duration.parse(value.trim().toUpperCase(Locale.ROOT)), value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write e.g. 30s, 5m, 1h");
    }
  }

  private static Duration positive(Duration d, String value) {
    if (d.isNegative() || d.isZero()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a positive duration");
    }
    return d;
  }
}
