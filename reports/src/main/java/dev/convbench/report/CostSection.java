package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Section {@code cost}: a table of every cell's cost (parameters, FLOPs, training time, throughput, peak memory)
 * next to its final accuracy, and accuracy against parameters, FLOPs and training time with the Pareto front.
 */
// Cells are compared by identity on purpose: the baseline is one of the page's own cell objects.
@SuppressWarnings("ReferenceEquality")
final class CostSection {

  /** The cost axes. */
  enum Axis {
    PARAMETERS("cost-parameters", "Final test accuracy against parameters", "Trainable parameters (log scale)"),
    FLOPS("cost-flops", "Final test accuracy against FLOPs", "FLOPs per image, forward pass (log scale)"),
    TIME("cost-time", "Final test accuracy against training time",
        "Training time (s, evaluation excluded, log scale)");

    final String id;
    final String title;
    final String label;

    Axis(String id, String title, String label) {
      this.id = id;
      this.title = title;
      this.label = label;
    }
  }

  private CostSection() {}

  /** The cells that have both this cost and a final accuracy. */
  static List<Pareto.Point> points(List<CellSummary> cells, Axis axis) {
    List<Pareto.Point> points = new ArrayList<>();
    for (CellSummary c : cells) {
      if (c.finalAccuracy().isEmpty()) {
        continue;
      }
      double cost = switch (axis) {
        case PARAMETERS -> c.parameterCount().isPresent() ? c.parameterCount().getAsLong() : Double.NaN;
        case FLOPS -> c.flops().isPresent() ? c.flops().getAsLong() : Double.NaN;
        case TIME -> c.trainingSeconds().isEmpty() ? Double.NaN : c.trainingSeconds().mean();
      };
      if (cost > 0 && Double.isFinite(cost)) {
        points.add(new Pareto.Point(c, cost, c.finalAccuracy()));
      }
    }
    return points;
  }

  /** A cost as the report writes it. */
  static String format(Axis axis, double cost) {
    return switch (axis) {
      case PARAMETERS -> Formats.count(Math.round(cost));
      case FLOPS -> Formats.flops(Math.round(cost));
      case TIME -> Formats.duration(cost);
    };
  }

  static void write(PageWriter page) {
    ReportModel model = page.model;
    HtmlWriter h = page.h;
    List<CellSummary> cells = model.cells();
    h.open("div", "class", "scroll").open("table", "id", "cost-table", "class", "sortable").open("thead").open("tr");
    for (String column : List.of("Cell", "Parameters", "FLOPs / image", "Training time", "Images/s", "Peak memory",
        "Final test accuracy", "Pareto-optimal (params / FLOPs / time)")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    List<List<Pareto.Point>> fronts = new ArrayList<>();
    for (Axis axis : Axis.values()) {
      fronts.add(Pareto.front(points(cells, axis)));
    }
    for (CellSummary c : cells) {
      h.open("tr").open("td", "data-sort", c.label(), "class", "label");
      page.chip(c.label());
      h.text(c.label()).close("td");
      h.element("td", c.parameterCount().isPresent() ? Formats.count(c.parameterCount().getAsLong())
          : Formats.MISSING, "class", "num", "data-sort", c.parameterCount().isPresent()
          ? Long.toString(c.parameterCount().getAsLong()) : "");
      h.element("td", c.flops().isPresent() ? Formats.flops(c.flops().getAsLong()) : Formats.MISSING,
          "class", "num", "data-sort", c.flops().isPresent() ? Long.toString(c.flops().getAsLong()) : "");
      StatsCell.write(h, c.trainingSeconds(), Formats::durationStats);
      StatsCell.write(h, c.imagesPerSecond(), Formats::throughputStats);
      StatsCell.write(h, c.peakResidentBytes(), peak -> Formats.bytes(Math.round(peak.mean())));
      StatsCell.write(h, c.finalAccuracy(), Formats::percentStats);
      List<String> on = new ArrayList<>();
      for (int a = 0; a < fronts.size(); a++) {
        boolean member = fronts.get(a).stream().anyMatch(p -> p.cell() == c);
        boolean placed = points(List.of(c), Axis.values()[a]).size() == 1;
        on.add(!placed ? Formats.MISSING : member ? "yes" : "no");
      }
      h.element("td", String.join(" / ", on));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    h.element("p", "FLOPs per image are 2 × the multiply-accumulates of one forward pass, counted from the graph's "
        + "shapes (convolutions and fully connected layers). Peak memory is the training process's peak resident "
        + "memory when the run ended (mean over runs; the process may have trained earlier runs of the matrix "
        + "first). A cell is Pareto-optimal when no other cell is at least as accurate (mean final test accuracy) "
        + "for at most its cost and strictly better in one of the two; — means the cost was not recorded (results "
        + "from an older convbench, or a run that did not complete).", "class", "note");

    h.open("div", "class", "charts").trusted("\n");
    int drawn = 0;
    List<String> missing = new ArrayList<>();
    for (Axis axis : Axis.values()) {
      List<Pareto.Point> points = points(cells, axis);
      if (points.isEmpty()) {
        missing.add(axis.title.replace("Final test accuracy against ", ""));
        continue;
      }
      List<Pareto.Point> front = Pareto.front(points);
      String caption = String.format(Locale.ROOT, "Mean final test accuracy (bar: ± one standard deviation over "
          + "seeds) against %s; the dashed line joins the Pareto-optimal cells (%s).%s",
          axis == Axis.TIME ? "training time" : axis == Axis.FLOPS ? "FLOPs per image" : "trainable parameters",
          String.join(", ", front.stream().map(p -> p.cell().label()).toList()),
          points.size() < cells.size() ? " Cells without this cost or without a completed run are left out." : "");
      String label = axis.label;
      java.text.NumberFormat format = axis == Axis.TIME ? new SignificantFormat(2) : new CompactFormat();
      page.figure(axis.id, id -> CostChart.render(id, axis.title, label, points, front, model.palette(), format),
          caption);
      drawn++;
    }
    h.close("div");
    if (!missing.isEmpty()) {
      h.element("p", "Not drawn, for lack of recorded values: accuracy against " + String.join(", ", missing)
          + (drawn == 0 ? ". No cell has a completed run with a recorded cost." : "."), "class", "note");
    }
  }
}
