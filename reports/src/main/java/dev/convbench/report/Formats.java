package dev.convbench.report;

import dev.convbench.analysis.SampleStats;
import dev.convbench.results.Counted;
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

  /** A count and its noun, singular for one: {@code 1 run}, {@code 3 runs}. */
  static String counted(long n, String noun) {
    return Counted.of(n, noun);
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

  /**
   * The 95 % confidence interval of a mean fraction, in percent and clipped to the possible range [0, 100 %]:
   * {@code 95 % CI 56.59–100.00 %}; {@link #MISSING} for fewer than two values.
   */
  static String percentInterval(SampleStats s) {
    double half = s.halfWidth95();
    if (Double.isNaN(half)) {
      return MISSING;
    }
    return String.format(Locale.ROOT, "95 %% CI %.2f–%.2f %%", Math.max(0, s.mean() - half) * 100,
        Math.min(1, s.mean() + half) * 100);
  }

  /** FLOPs in a unit chosen by size with two decimals: {@code 0.56 GFLOP}, {@code 12.30 MFLOP}; 0 → missing. */
  static String flops(long flops) {
    if (flops <= 0) {
      return MISSING;
    }
    if (flops >= 500_000_000L) {
      return String.format(Locale.ROOT, "%.2f GFLOP", flops / 1e9);
    }
    if (flops >= 500_000L) {
      return String.format(Locale.ROOT, "%.2f MFLOP", flops / 1e6);
    }
    if (flops >= 500L) {
      return String.format(Locale.ROOT, "%.2f kFLOP", flops / 1e3);
    }
    return flops + " FLOP";
  }

  /** Bytes in binary units: {@code 1.25 GiB}, {@code 512.0 MiB}; {@code null} → missing. */
  static String bytes(Long bytes) {
    if (bytes == null || bytes < 0) {
      return MISSING;
    }
    double b = bytes;
    if (b >= 1L << 30) {
      return String.format(Locale.ROOT, "%.2f GiB", b / (1L << 30));
    }
    if (b >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1L << 20));
    }
    if (b >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", b / (1L << 10));
    }
    return bytes + " B";
  }

  /** A positive ratio with two significant digits: {@code 40×}, {@code 3.1×}, {@code 0.52×}. */
  static String ratio(double ratio) {
    if (!Double.isFinite(ratio)) {
      return MISSING;
    }
    return new SignificantFormat(2).format(ratio) + "×";
  }

  /** A number with {@code digits} significant digits, no exponent: {@code 0.0012}, {@code 4.8}. */
  static String significant(double value, int digits) {
    return Double.isFinite(value) ? new SignificantFormat(digits).format(value) : MISSING;
  }

  /** A target accuracy, without decimals when it is a whole percentage: {@code 0.8 → 80 %}, {@code 0.825 → 82.5 %}. */
  static String targetPercent(double fraction) {
    double pct = fraction * 100;
    return Math.abs(pct - Math.rint(pct)) < 1e-9 ? String.format(Locale.ROOT, "%.0f %%", pct)
        : new SignificantFormat(4).format(pct) + " %";
  }

  /** Mean ± std of a difference of fractions, in signed percentage points: {@code +3.10 ± 0.52 pp}. */
  static String percentagePointStats(SampleStats s) {
    if (s.isEmpty()) {
      return MISSING;
    }
    return s.n() == 1 ? percentagePoints(s.mean())
        : String.format(Locale.ROOT, "%+.2f ± %.2f pp", s.mean() * 100, s.std() * 100);
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
