package dev.convbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What the page's section writers share: the HTML being written, the model, and the ids of the charts and
 * sections written so far (the page's self-check script verifies them in the browser).
 */
final class PageWriter {

  final HtmlWriter h = new HtmlWriter();
  final ReportModel model;
  private final List<String> charts = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();

  PageWriter(ReportModel model) {
    this.model = model;
  }

  /** Opens a {@code <section>} with a stable id and its heading. */
  PageWriter section(String id, String title, String... attributes) {
    sections.add(id);
    String[] all = new String[attributes.length + 2];
    all[0] = "id";
    all[1] = id;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    h.open("section", all).trusted("\n");
    h.element("h2", title).trusted("\n");
    return this;
  }

  /** Records an id the page must contain that is not a section opened by {@link #section}. */
  void expectSection(String id) {
    sections.add(id);
  }

  /**
   * A {@code <figure id="figure-ID">} holding a chart whose {@code <svg>} has id {@code ID}, and its caption.
   */
  void figure(String id, String svg, String caption) {
    charts.add(id);
    h.open("figure", "id", "figure-" + id).trusted("\n").trusted(svg).trusted("\n");
    h.element("figcaption", caption).close("figure");
  }

  /** Records a chart written by other means (the linear rendering of a loss chart). */
  void expectChart(String id) {
    charts.add(id);
  }

  /** The colour chip of a cell. */
  void chip(String label) {
    h.open("span", "class", "chip", "style", "background:" + model.palette().css(label)).close("span");
  }

  List<String> charts() {
    return List.copyOf(charts);
  }

  List<String> sections() {
    return List.copyOf(sections);
  }
}
