package dev.convbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the page's section writers share: the HTML being written, the model, and the ids of the charts and
 * sections written so far (the page's self-check script verifies them in the browser). Every id the self-check
 * expects is recorded by the call that writes it, so the two cannot differ.
 */
final class PageWriter {

  final HtmlWriter h = new HtmlWriter();
  /** The report's model; {@code null} on a page that is not a report of results directories (the history page). */
  final ReportModel model;
  private final Palette palette;
  private final List<String> charts = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();

  PageWriter(ReportModel model) {
    this.model = model;
    this.palette = model.palette();
  }

  /** A page without a report model, its cells coloured by {@code palette}. */
  PageWriter(Palette palette) {
    this.model = null;
    this.palette = palette;
  }

  /**
   * Opens a {@code <section>} with a stable id and its heading.
   *
   * @param headingId the heading's own id, so that links naming either id find the section; {@code null} for none
   */
  PageWriter section(String id, String headingId, String title, String... attributes) {
    anchor(id);
    String[] all = new String[attributes.length + 2];
    all[0] = "id";
    all[1] = id;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    h.open("section", all).trusted("\n");
    if (headingId != null) {
      anchor(headingId);
    }
    h.element("h2", title, "id", headingId).trusted("\n");
    return this;
  }

  /** Records the id of an element the page must contain that is not a {@link #section} (a header, a sub-heading). */
  void anchor(String id) {
    sections.add(id);
  }

  /**
   * A {@code <figure id="figure-ID">} holding a chart and its caption.
   *
   * @param draw draws the chart as an {@code <svg>} whose id is the one it is given
   */
  void figure(String id, Function<String, String> draw, String caption) {
    charts.add(id);
    h.open("figure", "id", "figure-" + id).trusted("\n").trusted(draw.apply(id)).trusted("\n");
    h.element("figcaption", caption).close("figure");
  }

  /**
   * A figure holding a chart drawn twice, with a logarithmic y axis (id {@code ID}, shown by default) and a linear one
   * (id {@code ID-linear}); the page's linear-axis switch shows one or the other.
   */
  void logLinearFigure(String id, Function<String, String> drawLog, Function<String, String> drawLinear,
      String caption) {
    String linearId = id + "-linear";
    charts.add(id);
    charts.add(linearId);
    h.open("figure", "id", "figure-" + id).trusted("\n");
    h.open("div", "class", "scale-log").trusted(drawLog.apply(id)).close("div");
    h.open("div", "class", "scale-linear").trusted(drawLinear.apply(linearId)).close("div");
    h.element("figcaption", caption).close("figure");
  }

  /** The colour chip of a cell. */
  void chip(String label) {
    h.open("span", "class", "chip", "style", "background:" + palette.css(label)).close("span");
  }

  List<String> charts() {
    return List.copyOf(charts);
  }

  List<String> sections() {
    return List.copyOf(sections);
  }
}
