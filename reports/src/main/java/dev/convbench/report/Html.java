package dev.convbench.report;

/** HTML escaping. Every string that did not come from this module's own code goes through {@link #escape}. */
public final class Html {

  private Html() {}

  /**
   * Escapes text for use in HTML element content and in double- or single-quoted attribute values: {@code & < > " '}
   * become character references. {@code null} becomes the empty string.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
