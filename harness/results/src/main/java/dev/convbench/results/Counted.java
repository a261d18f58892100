package dev.convbench.results;

import java.util.Locale;

/**
 * A count with its noun, for messages and reports: {@code 1 run}, {@code 2 runs}, {@code 1,024 runs}. One helper for
 * every module that words counts (the engine's progress lines, the command line, the report), so none writes
 * {@code run(s)}.
 */
public final class Counted {

  private Counted() {}

  /**
   * The count with thousands separators and the noun, singular for one.
   *
   * @param noun the singular; the plural adds {@code s} (every noun counted in convbench does)
   */
  public static String of(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
