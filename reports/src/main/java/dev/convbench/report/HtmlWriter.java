package dev.convbench.report;

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
