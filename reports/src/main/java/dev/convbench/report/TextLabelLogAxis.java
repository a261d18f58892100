package dev.convbench.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A logarithmic axis whose tick labels are plain strings. {@link LogAxis} labels its ticks with attributed strings
 * (for superscript powers of ten), which JFreeChart draws through a {@link java.awt.font.TextLayout}, that is as
 * glyph outlines in SVG: several kilobytes per label instead of a {@code <text>} element. The report's formats
 * produce plain numbers, so nothing is lost.
 */
final class TextLabelLogAxis extends LogAxis {

  private static final long serialVersionUID = 1L;

  TextLabelLogAxis(String label) {
    super(label);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    List ticks = new ArrayList<>();
    for (Object tick : super.refreshTicks(g2, state, dataArea, edge)) {
      if (tick instanceof LogTick log) {
        ticks.add(new NumberTick(log.getTickType(), log.getValue(), text(log.getAttributedLabel()),
            log.getTextAnchor(), log.getRotationAnchor(), log.getAngle()));
      } else {
        ticks.add(tick);
      }
    }
    return getNumberFormatOverride() instanceof SignificantFormat ? distinctLabels(ticks) : ticks;
  }

  /**
   * The ticks, labelled with as many significant digits as it takes for no two labels to read the same: on a short
   * range two digits would label 1.25 and 1.34 both "1.3".
   */
  static List<NumberTick> distinctLabels(List<NumberTick> ticks) {
    List<NumberTick> labelled = ticks;
    for (int digits = 3; digits <= 6 && hasRepeatedLabel(labelled); digits++) {
      SignificantFormat format = new SignificantFormat(digits);
      labelled = ticks.stream().map(t -> t.getText() == null ? t : new NumberTick(t.getTickType(), t.getValue(),
          format.format(t.getValue()), t.getTextAnchor(), t.getRotationAnchor(), t.getAngle())).toList();
    }
    return labelled;
  }

  private static boolean hasRepeatedLabel(List<NumberTick> ticks) {
    Set<String> seen = new HashSet<>();
    return ticks.stream().map(NumberTick::getText).filter(Objects::nonNull).anyMatch(label -> !seen.add(label));
  }

  /** The characters of {@code label}; {@code null} (an unlabelled minor tick) stays {@code null}. */
  static String text(AttributedString label) {
    if (label == null) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    AttributedCharacterIterator characters = label.getIterator();
    for (char c = characters.first(); c != CharacterIterator.DONE; c = characters.next()) {
      text.append(c);
    }
    return text.toString();
  }
}
