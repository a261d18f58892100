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

  @Test
  void cellLabelsWrapAtTheirPunctuationNeverInsideANumber() {
    assertEquals("resnet18 optimizer.<wbr>lr=<wbr>0.1 schedule.<wbr>type=<wbr>cosine", new HtmlWriter()
        .textWithBreaks("resnet18 optimizer.lr=0.1 schedule.type=cosine", ReportPage.LABEL_BREAKS).toString());
    assertEquals("resnet__<wbr>resnet.<wbr>shortcut=<wbr>false", new HtmlWriter()
        .textWithBreaks("resnet__resnet.shortcut=false", ReportPage.LABEL_BREAKS).toString());
    assertEquals("a=<wbr>&lt;b&gt;/<wbr>c", new HtmlWriter().textWithBreaks("a=<b>/c", ReportPage.LABEL_BREAKS)
        .toString(), "escaped around the breaks; none at the end");
    assertEquals("x=", new HtmlWriter().textWithBreaks("x=", ReportPage.LABEL_BREAKS).toString());
  }

  @Test
  void breakableTextKeepsEachPieceOnOneLine() {
    assertEquals("<span class=\"nw\">58.00</span> <span class=\"nw\">± 1.00 %</span>",
        new HtmlWriter().breakableText("58.00 ± 1.00 %", StatsCell.BEFORE_SPREAD).toString());
  }
}
