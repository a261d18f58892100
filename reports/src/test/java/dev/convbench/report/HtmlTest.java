package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void escapesMarkupAndQuotes() {
    assertEquals("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;",
        Html.escape("<script>alert(\"x\" & 'y')</script>"));
  }

  @Test
  void leavesOtherTextAlone() {
    assertEquals("résumé ± 1 — ok", Html.escape("résumé ± 1 — ok"));
  }

  @Test
  void nullIsEmpty() {
    assertEquals("", Html.escape(null));
  }

  @Test
  void writerEscapesTextAndAttributes() {
    String html = new HtmlWriter().element("td", "<b>", "title", "\"quoted\"").toString();
    assertEquals("<td title=\"&quot;quoted&quot;\">&lt;b&gt;</td>", html);
  }
}
