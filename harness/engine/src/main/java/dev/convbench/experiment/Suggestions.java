package dev.convbench.experiment;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" hints for misspelt keys and names. */
final class Suggestions {

  private Suggestions() {
  }

  /**
   * The candidate a person most likely meant, if any is close enough: the same word written with '_' or another
   * case, then a dotted candidate whose last segment is the word ({@code lr} → {@code optimizer.lr}), then the
   * nearest by edit distance within a tolerance that grows with the word's length.
   */
  static Optional<String> nearest(String word, Collection<String> candidates) {
    String normalized = word.toLowerCase(Locale.ROOT).replace('_', '-');
    for (String c : candidates) {
      if (c.equals(normalized)) {
        return Optional.of(c);
      }
    }
    for (String c : candidates) {
      if (c.endsWith("." + normalized)) {
        return Optional.of(c);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(normalized, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= tolerance(normalized) ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean 'x'?"}, or an empty string when nothing is close. */
  static String didYouMean(String word, Collection<String> candidates) {
    return nearest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
  }

  /** {@code "; did you mean 'x'?"} when something is close, else {@code "; valid keys: a, b, c"}. */
  static String didYouMeanOrList(String word, Collection<String> candidates, String what) {
    return nearest(word, candidates)
        .map(s -> "; did you mean '" + s + "'?")
        .orElseGet(() -> "; " + what + ": " + String.join(", ", candidates));
  }

  // Short words tolerate fewer edits, or every two-letter typo would "resemble" every two-letter key.
  private static int tolerance(String word) {
    return Math.max(1, Math.min(3, word.length() / 3));
  }

  /**
   * Edit distance (optimal string alignment): insertions, deletions, substitutions and swaps of two adjacent
   * letters each cost 1, so the common typo {@code widht} is as close to {@code width} as {@code widt} is.
   */
  static int distance(String a, String b) {
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
        }
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }
}
