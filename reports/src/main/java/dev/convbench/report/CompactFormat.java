package dev.convbench.report;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Large counts with a metric suffix and two significant digits: {@code 62000 → 62k}, {@code 11173962 → 11M},
 * {@code 5.6e8 → 560M}, {@code 1.2e9 → 1.2G}. For log-axis ticks of parameter and FLOP counts. Formatting only.
 */
final class CompactFormat extends NumberFormat {

  private static final long serialVersionUID = 1L;

  private final SignificantFormat digits = new SignificantFormat(2);

  @Override
  public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
    double abs = Math.abs(number);
    if (abs >= 1e12) {
      return digits.format(number / 1e12, toAppendTo, pos).append('T');
    }
    if (abs >= 1e9) {
      return digits.format(number / 1e9, toAppendTo, pos).append('G');
    }
    if (abs >= 1e6) {
      return digits.format(number / 1e6, toAppendTo, pos).append('M');
    }
    if (abs >= 1e3) {
      return digits.format(number / 1e3, toAppendTo, pos).append('k');
    }
    return digits.format(number, toAppendTo, pos);
  }

  @Override
  public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
    return format((double) number, toAppendTo, pos);
  }

  @Override
  public Number parse(String source, ParsePosition parsePosition) {
    throw new UnsupportedOperationException("formatting only");
  }
}
