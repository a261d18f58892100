package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.SampleStats;
import dev.convbench.results.EpochRecord;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The content of sections {@code gradient-flow} and {@code generalization}. */
final class DiagnosticSections {

  private DiagnosticSections() {}

  static void gradientFlow(PageWriter page) {
    ReportModel model = page.model;
    HtmlWriter h = page.h;
    Map<String, GradientFlow> flows = model.gradientFlows();
    List<String> without = model.cells().stream().map(CellSummary::label).filter(l -> !flows.containsKey(l))
        .toList();
    if (flows.isEmpty()) {
      h.element("p", "No per-layer gradient statistics were recorded (layers.csv is missing or empty: results from "
          + "a convbench version that did not record them, or runs that have not logged any step yet), so there "
          + "is nothing to show here.", "class", "notice");
      return;
    }
    h.element("p", "The L2 norm of each layer's gradient (all its trainable variables together), computed in the "
        + "graph from the gradients the optimizer applies. Layers are in network order. Batch-normalisation layers "
        + "are left out: their scale and shift gradients belong to the normalisation, not to the signal reaching "
        + "the weights at that depth. Values are means over the cell's completed runs (its running runs while none "
        + "has completed). One colour scale is shared by every heat map, so the same colour is the same norm in "
        + "every cell.", "class", "note");
    if (!without.isEmpty()) {
      h.element("p", "No per-layer statistics for: " + String.join(", ", without) + ".", "class", "note");
    }

    SvgChart svg = new SvgChart(model.palette());
    h.open("div", "class", "charts").trusted("\n");
    List<Curve> first = flows.values().stream().map(GradientFlow::firstLayerByEpoch).toList();
    page.figure("grad-first-layer", id -> svg.render(new SvgChart.Spec(id,
        "First layer's gradient norm by epoch", "Epoch", "Epoch-mean gradient L2 norm (log scale)", true,
        SvgChart.YAxis.LOG, first)), "Epoch-mean gradient norm of each cell's first layer (batch normalisation "
        + "excluded): " + String.join(", ", flows.values().stream().map(f -> f.cell().label() + ": "
        + f.shortNames().get(0)).toList()) + ". Band: ± one standard deviation over runs.");
    List<Curve> depth = flows.values().stream().map(GradientFlow::depthProfile).toList();
    page.figure("grad-depth", id -> svg.render(new SvgChart.Spec(id, "Gradient norm by depth, last epoch",
        "Relative depth (0 = first layer, 1 = last layer)", "Epoch-mean gradient L2 norm (log scale)", false,
        SvgChart.YAxis.LOG, depth)), "Each layer's epoch-mean gradient norm in the runs' last recorded epoch, "
        + "against its position in the network, so networks of different depths share the axis.");
    h.close("div");

    double[] range = sharedRange(flows.values());
    List<GradientFlow> ordered = sameArchitectureAdjacent(List.copyOf(flows.values()));
    h.element("h3", "By layer and epoch");
    h.element("p", "Cells of the same architecture (e.g. resnet with shortcut: false and shortcut: true) sit next "
        + "to each other.", "class", "note");
    h.open("div", "class", "charts").trusted("\n");
    for (GradientFlow flow : ordered) {
      CellSummary cell = flow.cell();
      int n = model.number(cell);
      String label = cell.label();
      String runs = runCount(flow);
      String left = leftOutNote(flow);
      if (range != null && !flow.epochs().isEmpty()) {
        page.figure("grad-heat-" + n, id -> HeatMapChart.render(id, label + ": gradient norm by layer and "
            + "epoch", flow.shortNames(), flow.epochs(), flow.epochMeans(), range), label + " (" + runs + "): "
            + "epoch-mean gradient norm per layer (rows, first layer at the top) and epoch (columns); grey: no "
            + "value." + left);
      } else {
        h.element("p", label + ": no epoch-mean rows recorded, no heat map.", "class", "note");
      }
    }
    h.close("div");
    h.element("h3", "By layer group over training");
    h.open("div", "class", "charts").trusted("\n");
    for (GradientFlow flow : ordered) {
      CellSummary cell = flow.cell();
      int n = model.number(cell);
      String label = cell.label();
      String runs = runCount(flow);
      String left = leftOutNote(flow);
      Color colour = model.palette().colour(label);
      Map<String, SvgChart.Style> styles = new LinkedHashMap<>();
      List<Curve> groups = new ArrayList<>();
      float[][] dashes = {null, {7f, 4f}, {2f, 3f}};
      Color[] shades = {colour.darker(), colour, brighter(colour)};
      for (int i = 0; i < flow.groups().size(); i++) {
        Curve g = flow.groups().get(i);
        int style = flow.groups().size() == 2 && i == 1 ? 2 : i;
        styles.put(g.label(), new SvgChart.Style(shades[style], dashes[style]));
        groups.add(g);
      }
      String x = flow.groupsBySteps() ? "Step" : "Epoch";
      page.figure("grad-groups-" + n, id -> svg.render(new SvgChart.Spec(id, label
          + ": gradient norm by layer group", x, "Mean layer gradient L2 norm (log scale)", !flow.groupsBySteps(),
          SvgChart.YAxis.LOG, groups, styles)), label + " (" + runs + "): mean gradient norm of the layers in the "
          + "first, middle and last third of the network, " + (flow.groupsBySteps()
          ? "at each sampled step (every log-every-steps steps)" : "per epoch (no step samples were recorded)")
          + "; band: ± one standard deviation over runs." + left);
    }
    h.close("div");
  }

  /** The flows with cells of the same architecture next to each other, otherwise in cell order. */
  static List<GradientFlow> sameArchitectureAdjacent(List<GradientFlow> flows) {
    Map<Object, List<GradientFlow>> byArchitecture = new LinkedHashMap<>();
    flows.forEach(f -> byArchitecture.computeIfAbsent(f.cell().architectures(), k -> new ArrayList<>()).add(f));
    return byArchitecture.values().stream().flatMap(List::stream).toList();
  }

  /** The colour range shared by every heat map: the smallest and largest positive epoch mean of any cell. */
  private static double[] sharedRange(java.util.Collection<GradientFlow> flows) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (GradientFlow f : flows) {
      Optional<double[]> r = f.range();
      if (r.isPresent()) {
        min = Math.min(min, r.get()[0]);
        max = Math.max(max, r.get()[1]);
      }
    }
    return min <= max ? new double[] {min, max} : null;
  }

  /** Half-way to white: the last group's shade. */
  private static Color brighter(Color c) {
    return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
  }

  static void generalization(PageWriter page) {
    ReportModel model = page.model;
    HtmlWriter h = page.h;
    List<CellSummary> measured = model.cells().stream()
        .filter(c -> Curves.charted(c).stream().flatMap(r -> r.epochs().stream())
            .anyMatch(m -> Double.isFinite(m.trainEvalAccuracy())))
        .toList();
    if (measured.isEmpty()) {
      h.element("p", "Training-set accuracy in evaluation mode was not measured by any run (results from a "
          + "convbench version that did not measure it, or runs without an epoch yet): the gap between training "
          + "and test accuracy cannot be shown. The training accuracy under Convergence is measured in training "
          + "mode on augmented images and is not comparable with the test accuracy.", "class", "notice");
      return;
    }
    h.element("p", "Generalization gap = accuracy on a fixed sample of training images in evaluation mode (no "
        + "augmentation, batch-norm running statistics) minus test accuracy, after each epoch; a growing gap is "
        + "over-fitting. Mean over the cell's completed runs; band: ± one standard deviation.", "class", "note");
    List<String> without = model.cells().stream().filter(c -> !measured.contains(c)).map(CellSummary::label)
        .toList();
    if (!without.isEmpty()) {
      h.element("p", "Not measured for: " + String.join(", ", without) + ".", "class", "note");
    }
    SvgChart svg = new SvgChart(model.palette());
    List<Curve> gaps = measured.stream()
        .map(c -> scaled(Curves.byEpoch(c, m -> m.trainEvalAccuracy() - m.testAccuracy()), 100)).toList();
    h.open("div", "class", "charts").trusted("\n");
    page.figure("chart-generalization", id -> svg.render(new SvgChart.Spec(id,
        "Generalization gap by epoch", "Epoch", "Training-sample minus test accuracy (percentage points)", true,
        SvgChart.YAxis.LINEAR, gaps)), "Training-sample accuracy (evaluation mode) minus test accuracy, in "
        + "percentage points.");
    List<Curve> train = measured.stream().map(c -> Curves.byEpoch(c, EpochRecord::trainEvalAccuracy)).toList();
    page.figure("chart-train-eval", id -> svg.render(new SvgChart.Spec(id,
        "Training-sample accuracy (evaluation mode) by epoch", "Epoch", "Training-sample accuracy (%)", true,
        SvgChart.YAxis.ACCURACY, train)), "Accuracy on the fixed training sample in evaluation mode; compare with "
        + "the test accuracy under Convergence.");
    h.close("div");

    h.open("div", "class", "scroll").open("table", "class", "sortable").open("thead").open("tr");
    for (String column : List.of("Cell", "Training-sample accuracy (last epoch)", "Test accuracy (last epoch)",
        "Gap (last epoch)", "Largest mean gap")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (CellSummary c : measured) {
      SampleStats train1 = Findings.stats(c, o -> o.run().lastEpoch().map(EpochRecord::trainEvalAccuracy)
          .orElse(Double.NaN));
      SampleStats test = Findings.stats(c, o -> o.run().lastEpoch().map(EpochRecord::testAccuracy)
          .orElse(Double.NaN));
      SampleStats gap = Findings.stats(c, Findings::finalGap);
      h.open("tr").open("td", "data-sort", c.label(), "class", "label");
      page.chip(c.label());
      h.text(c.label()).close("td");
      StatsCell.write(h, train1, Formats::percentStats);
      StatsCell.write(h, test, Formats::percentStats);
      StatsCell.write(h, gap, Formats::percentagePointStats);
      Curve curve = Curves.byEpoch(c, m -> m.trainEvalAccuracy() - m.testAccuracy());
      Optional<Curve.Point> max = curve.points().stream().max(java.util.Comparator.comparingDouble(Curve.Point::mean));
      h.element("td", max.map(p -> Formats.percentagePoints(p.mean()) + " (epoch " + Math.round(p.x()) + ")")
          .orElse(Formats.MISSING), "class", "num", "data-sort", max.map(p -> Double.toString(p.mean())).orElse(""));
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
  }

  /** A curve with y values multiplied by {@code factor} (fractions to percentage points). */
  static Curve scaled(Curve c, double factor) {
    return new Curve(c.label(), c.runs(), c.incomplete(), c.points().stream()
        .map(p -> new Curve.Point(p.x(), p.mean() * factor, p.std() * factor, p.n())).toList());
  }

  private static String runCount(GradientFlow flow) {
    return Formats.counted(flow.runs().size(), "run");
  }

  /** A caption's note on the batch-norm layers the gradient-flow charts leave out; empty when none. */
  private static String leftOutNote(GradientFlow flow) {
    return flow.leftOut().isEmpty() ? "" : " " + flow.leftOut().size() + " batch-normalisation layers left out.";
  }
}
