package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.TextAnchor;
import org.junit.jupiter.api.Test;

/** Tick labels of the report's log axes. */
class TextLabelLogAxisTest {

  @Test
  void labelsThatWouldReadTheSameGetTheDigitsThatTellThemApart() {
    List<NumberTick> ticks = List.of(tick(1.25, "1.3"), tick(1.3, null), tick(1.34, "1.3"), tick(1.5, "1.5"));

    assertEquals(Arrays.asList("1.25", null, "1.34", "1.5"), labels(TextLabelLogAxis.distinctLabels(ticks)));
  }

  @Test
  void distinctLabelsAreKeptAsTheyAre() {
    List<NumberTick> ticks = List.of(tick(1, "1"), tick(2, "2"), tick(5, "5"));

    assertEquals(List.of("1", "2", "5"), labels(TextLabelLogAxis.distinctLabels(ticks)));
  }

  private static NumberTick tick(double value, String label) {
    return new NumberTick(label == null ? TickType.MINOR : TickType.MAJOR, value, label, TextAnchor.CENTER_RIGHT,
        TextAnchor.CENTER_RIGHT, 0);
  }

  private static List<String> labels(List<NumberTick> ticks) {
    return ticks.stream().map(NumberTick::getText).toList();
  }
}
