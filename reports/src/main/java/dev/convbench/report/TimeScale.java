package dev.convbench.report;

/** A unit for durations, chosen so that numbers stay short: seconds, minutes or hours. */
enum TimeScale {
  SECONDS(1, "s"), MINUTES(60, "min"), HOURS(3600, "h");

  private final double seconds;
  private final String symbol;

  TimeScale(double seconds, String symbol) {
    this.seconds = seconds;
    this.symbol = symbol;
  }

  /** Seconds below 5 minutes, minutes below 5 hours, else hours. */
  static TimeScale forSeconds(double value) {
    if (!(value >= 300)) {
      return SECONDS;
    }
    return value < 5 * 3600 ? MINUTES : HOURS;
  }

  double seconds() {
    return seconds;
  }

  String symbol() {
    return symbol;
  }
}
