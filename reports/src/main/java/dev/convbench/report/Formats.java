package dev.convbench.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How numbers and dates look in the report. Always {@link Locale#ROOT}: a report must read the same whoever
 * renders it. Missing values are shown as an em dash, never as a made-up number.
 */
final class Formats {

  static final String MISSING = "—";
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
      Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  /** A fraction as a percentage with two decimals: {@code 0.91234 → 91.23 %}. */
  static String percent(Double fraction) {
    return fraction == null || fraction.isNaN() ? MISSING : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }

  /** Mean ± std of fractions, in percent: {@code 82.00 ± 2.83 %}; a single value without ±. */
  static String percentStats(SampleStats s) {
    if (s.isEmpty()) {
      return MISSING;
    }
    return s.n() == 1 ? String.format(Locale.ROOT, "%.2f %%", s.mean() * 100)
        : String.format(Locale.ROOT, "%.2f ± %.2f %%", s.mean() * 100, s.std() * 100);
  }

  /** Mean ± std with {@code decimals} decimals and no unit. */
  static String plainStats(SampleStats s, int decimals) {
    if (s.isEmpty()) {
      return MISSING;
    }
    String f = "%." + decimals + "f";
    return s.n() == 1 ? String.format(Locale.ROOT, f, s.mean())
        : String.format(Locale.ROOT, f + " ± " + f, s.mean(), s.std());
  }

  /** Mean ± std of durations in seconds, in one unit chosen by the mean's size. */
  static String durationStats(SampleStats s) {
    if (s.isEmpty()) {
      return MISSING;
    }
    TimeScale unit = TimeScale.forSeconds(s.mean());
    double mean = s.mean() / unit.seconds();
    double std = s.std() / unit.seconds();
    return s.n() == 1 ? String.format(Locale.ROOT, "%.1f %s", mean, unit.symbol())
        : String.format(Locale.ROOT, "%.1f ± %.1f %s", mean, std, unit.symbol());
  }

  /** A duration in seconds, in a unit chosen by its size. */
  static String duration(Double seconds) {
    return seconds == null ? MISSING : durationStats(SampleStats.of(seconds));
  }

  /** A count with thousands separators: {@code 11,173,962}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** Throughput, rounded to whole images per second. */
  static String throughput(Double imagesPerSecond) {
    return imagesPerSecond == null ? MISSING : String.format(Locale.ROOT, "%,.0f", imagesPerSecond);
  }

  /** Throughput mean ± std. */
  static String throughputStats(SampleStats s) {
    if (s.isEmpty()) {
      return MISSING;
    }
    return s.n() == 1 ? throughput(s.mean())
        : String.format(Locale.ROOT, "%,.0f ± %,.0f", s.mean(), s.std());
  }

  /** A signed difference of fractions in percentage points: {@code +1.25 pp}. */
  static String percentagePoints(double difference) {
    return String.format(Locale.ROOT, "%+.2f pp", difference * 100);
  }

  /** An instant as {@code 2025-03-01 10:15:30 UTC}. */
  static String dateTime(Instant instant) {
    return DATE_TIME.format(instant);
  }

  /** An ISO-8601 timestamp from run.json, reformatted; shown as is when it does not parse. */
  static String dateTime(String iso) {
    if (iso == null) {
      return MISSING;
    }
    try {
      return dateTime(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** A number for a {@code data-sort} attribute (exact, machine-readable); empty when missing. */
  static String sortKey(Double value) {
    return value == null || value.isNaN() ? "" : Double.toString(value);
  }

  static String join(Collection<?> values) {
    return values.isEmpty() ? MISSING : values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
