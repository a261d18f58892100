package dev.convbench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Formats numbers with a fixed count of significant digits and no exponent: {@code 0.1585 → 0.16},
 * {@code 0.00123 → 0.0012}, {@code 6.31 → 6.3}, {@code 10 → 10}. For log-axis tick labels, whose values span
 * decades and are not round. Locale-independent. Formatting only.
 */
final class SignificantFormat extends NumberFormat {

  private static final long serialVersionUID = 1L;

  private final MathContext digits;

  SignificantFormat(int significantDigits) {
    this.digits = new MathContext(significantDigits);
  }

  @Override
  public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
    if (!Double.isFinite(number)) {
      return toAppendTo.append(number);
    }
    return toAppendTo.append(new BigDecimal(number).round(digits).stripTrailingZeros().toPlainString());
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
