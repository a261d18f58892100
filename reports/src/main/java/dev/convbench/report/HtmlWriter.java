package dev.convbench.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds an HTML document where escaping is the default: {@link #text} and attribute values are always escaped,
 * and only {@link #trusted} inserts markup as is. Tag and attribute names are code constants, never data.
 */
final class HtmlWriter {

  private final StringBuilder out = new StringBuilder(64 * 1024);

  /**
   * Opens an element.
   *
   * @param attributes name, value, name, value, …; a pair whose value is {@code null} is left out
   */
  HtmlWriter open(String tag, String... attributes) {
    out.append('<').append(tag);
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes must be name/value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(Html.escape(attributes[i + 1])).append('"');
      }
    }
    out.append('>');
    return this;
  }

  HtmlWriter close(String tag) {
    out.append("</").append(tag).append(">\n");
    return this;
  }

  /** An element holding escaped text. */
  HtmlWriter element(String tag, String text, String... attributes) {
    open(tag, attributes);
    text(text);
    out.append("</").append(tag).append('>');
    return this;
  }

  /** Escaped text. */
  HtmlWriter text(String text) {
    out.append(Html.escape(text));
    return this;
  }

  /**
   * Escaped text whose lines may break only at the spaces {@code breaks} matches: each piece between them is a
   * {@code <span class="nw">}, kept on one line by the style sheet. Its text is the text given, spaces included.
   */
  HtmlWriter breakableText(String text, Pattern breaks) {
    String[] pieces = breaks.split(text);
    for (int i = 0; i < pieces.length; i++) {
      if (i > 0) {
        out.append(' ');
      }
      element("span", pieces[i], "class", "nw");
    }
    return this;
  }

  /**
   * Escaped text with a line-break opportunity ({@code <wbr>}) at each position {@code at} matches (it should match
   * empty strings), so that a long name wraps at its punctuation rather than at an arbitrary letter.
   */
  HtmlWriter textWithBreaks(String text, Pattern at) {
    Matcher m = at.matcher(text);
    int from = 0;
    while (m.find()) {
      if (m.end() > from && m.end() < text.length()) {
        text(text.substring(from, m.end()));
        out.append("<wbr>");
        from = m.end();
      }
    }
    return text(text.substring(from));
  }

  /** Markup produced by this module (CSS, script, SVG from Batik's generator, which escapes its own text); never data. */
  HtmlWriter trusted(String markup) {
    out.append(markup);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
