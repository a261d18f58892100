package dev.convbench.report;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One colour per cell label, the same in every chart and table of a report. Colours are the ten of the "Tableau 10"
 * scheme, chosen for being distinguishable (also in most colour-vision deficiencies) and readable on white; beyond
 * ten labels colours repeat, and {@link #dashed} tells the chart to draw those lines dashed.
 */
final class Palette {

  private static final int[] COLOURS = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1,
      0xFF9DA7, 0x9C755F, 0xBAB0AC};

  private final Map<String, Integer> index = new LinkedHashMap<>();

  /** Assigns colours to {@code labels} in order. */
  Palette(List<String> labels) {
    for (String label : labels) {
      index.putIfAbsent(label, index.size());
    }
  }

  Color colour(String label) {
    return new Color(COLOURS[slot(label) % COLOURS.length]);
  }

  /** CSS notation of {@link #colour}, e.g. {@code #4e79a7}. */
  String css(String label) {
    return String.format(Locale.ROOT, "#%06x", COLOURS[slot(label) % COLOURS.length]);
  }

  /** Whether the label's colour is a repeat, to be told apart by a dashed line. */
  boolean dashed(String label) {
    return slot(label) >= COLOURS.length;
  }

  private int slot(String label) {
    Integer i = index.get(label);
    if (i == null) {
      throw new IllegalArgumentException("no colour for label " + label);
    }
    return i;
  }
}
