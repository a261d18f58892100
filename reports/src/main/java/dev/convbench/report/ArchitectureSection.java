package dev.convbench.report;

import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.RunOutcome;
import dev.convbench.analysis.SampleStats;
import dev.convbench.results.StreamSeeds;
import dev.convbench.results.RunSpecRecord;
import dev.convbench.results.LayerRecord;
import dev.convbench.results.ConfusionMatrix;
import dev.convbench.results.RunResult;
import dev.convbench.results.TrainingParameters;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Section {@code architectures}: per cell ({@code arch-1}, {@code arch-2}…) its structure as
 * {@code convbench describe} prints it (collapsible), its hyper-parameters and training settings, and the confusion
 * matrix of the final evaluation with per-class accuracy.
 */
final class ArchitectureSection {

  /** CIFAR-10's class names, by label. */
  static final List<String> CIFAR10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
      "horse", "ship", "truck");

  private ArchitectureSection() {}

  static void write(PageWriter page) {
    ReportModel model = page.model;
    HtmlWriter h = page.h;
    for (CellSummary cell : model.cells()) {
      int n = model.number(cell);
      h.open("article", "id", "arch-" + n, "class", "arch").trusted("\n");
      page.anchor("arch-" + n);
      h.open("h3");
      page.chip(cell.label());
      h.text(cell.label()).close("h3");
      settings(h, cell);
      structure(h, cell);
      confusion(page, cell);
      h.close("article");
    }
  }

  private static void settings(HtmlWriter h, CellSummary cell) {
    RunSpecRecord spec = cell.runs().get(0).record().spec();
    if (spec == null) {
      h.element("p", "The runs' configuration was not recorded.", "class", "note");
      return;
    }
    h.open("table", "class", "settings").open("tbody");
    row(h, "Architecture", spec.architecture() + (cell.parameterCount().isPresent()
        ? " · " + Formats.count(cell.parameterCount().getAsLong()) + " parameters" : "")
        + (cell.flops().isPresent() ? " · " + Formats.flops(cell.flops().getAsLong()) + " per image" : ""));
    if (spec.hyperParameters() != null) {
      spec.hyperParameters().forEach((k, v) -> row(h, "Hyper-parameter " + k, String.valueOf(v)));
    }
    if (spec.cell() != null && !spec.cell().isEmpty()) {
      row(h, "Cell", spec.cell().entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
          .collect(Collectors.joining(", ")));
    }
    TrainingParameters t = spec.training();
    if (t != null) {
      row(h, "Training", String.format(Locale.ROOT, "%d epochs, batch %d, weight decay %s, %s", t.epochs(),
          t.batchSize(), Formats.significant(t.weightDecay(), 6), t.precision()));
      if (t.optimizer() != null) {
        row(h, "Optimizer", String.format(Locale.ROOT, "%s, learning rate %s", t.optimizer().type(),
            Formats.significant(t.optimizer().learningRate(), 6)));
      }
      if (t.schedule() != null) {
        row(h, "Schedule", t.schedule().type());
      }
      if (t.augmentation() != null) {
        row(h, "Augmentation", String.format(Locale.ROOT, "random crop %s (padding %d), horizontal flip %s, "
            + "normalize %s", t.augmentation().randomCrop(), t.augmentation().padding(),
            t.augmentation().horizontalFlip(), t.augmentation().normalize()));
      }
      row(h, "Target accuracy", t.targetAccuracy() == null ? "none" : Formats.targetPercent(t.targetAccuracy()));
    }
    row(h, "Seeds", cell.seeds().isEmpty() ? Formats.MISSING : cell.seeds().stream().map(StreamSeeds::label)
        .collect(Collectors.joining(", ")));
    h.close("tbody").close("table");
  }

  private static void row(HtmlWriter h, String key, String value) {
    h.open("tr").element("th", key).element("td", value).close("tr");
  }

  private static void structure(HtmlWriter h, CellSummary cell) {
    List<LayerRecord> layers = cell.runs().stream().map(RunResult::structure).filter(s -> !s.isEmpty()).findFirst()
        .orElse(List.of());
    if (layers.isEmpty()) {
      h.element("p", "Structure: not recorded (structure.json is missing: results from an older convbench, or a "
          + "network that could not be built).", "class", "note");
      return;
    }
    long parameters = layers.stream().mapToLong(LayerRecord::parameters).sum();
    long macs = layers.stream().mapToLong(LayerRecord::macs).sum();
    h.open("details").element("summary", String.format(Locale.ROOT, "Structure: %d layers, %s parameters, %s "
        + "multiply-accumulates per image (as convbench describe prints it)", layers.size(), Formats.count(parameters),
        Formats.count(macs)));
    h.open("div", "class", "scroll").open("table", "class", "structure").open("thead").open("tr");
    for (String column : List.of("Layer", "Operation", "Output (NHWC)", "Parameters", "MACs / image")) {
      h.element("th", column);
    }
    h.close("tr").close("thead").open("tbody");
    for (LayerRecord l : layers) {
      h.open("tr").element("td", l.name()).element("td", l.op());
      h.element("td", l.outputShape() == null ? Formats.MISSING : l.outputShape().stream()
          .map(d -> d == null || d < 0 ? "N" : String.valueOf(d)).collect(Collectors.joining("×", "[", "]")));
      h.element("td", l.parameters() == 0 ? "–" : Formats.count(l.parameters()), "class", "num");
      h.element("td", l.macs() == 0 ? "–" : Formats.count(l.macs()), "class", "num");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div").close("details");
  }

  private static void confusion(PageWriter page, CellSummary cell) {
    HtmlWriter h = page.h;
    List<ConfusionMatrix> matrices = new ArrayList<>();
    List<String> epochs = new ArrayList<>();
    for (RunOutcome o : cell.completedOutcomes()) {
      o.run().confusionMatrix().ifPresent(m -> {
        if (matrices.isEmpty() || matrices.get(0).classes() == m.classes()) {
          matrices.add(m);
          epochs.add(Integer.toString(m.epoch()));
        }
      });
    }
    if (matrices.isEmpty()) {
      h.element("p", "Confusion matrix: not recorded (no completed run has a confusion.csv: results from an older "
          + "convbench, or no completed run).", "class", "note");
      return;
    }
    ConfusionMatrix sum = matrices.stream().reduce(ConfusionMatrix::plus).orElseThrow();
    int k = sum.classes();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      names.add(k == CIFAR10.size() ? CIFAR10.get(i) : "class " + i);
    }
    h.element("h4", "Confusion matrix and per-class accuracy");
    h.element("p", String.format(Locale.ROOT, "Final evaluation of %s (epoch %s): rows are the true class, columns "
        + "the predicted one; shading is the share of the row. %s images, %s correct (%s).",
        matrices.size() == 1 ? "1 completed run" : matrices.size() + " completed runs, counts summed",
        String.join(", ", epochs.stream().distinct().toList()), Formats.count(sum.total()),
        Formats.count(sum.correct()), Formats.percent(sum.total() == 0 ? null : (double) sum.correct() / sum.total())),
        "class", "note");
    Color colour = page.model.palette().colour(cell.label());
    h.open("div", "class", "scroll").open("table", "class", "confusion").open("thead").open("tr");
    h.element("th", "true \\ predicted");
    names.forEach(name -> h.element("th", name, "class", "rot"));
    h.element("th", "Per-class accuracy");
    h.close("tr").close("thead").open("tbody");
    for (int i = 0; i < k; i++) {
      h.open("tr").element("th", names.get(i));
      long support = sum.support(i);
      for (int j = 0; j < k; j++) {
        long c = sum.count(i, j);
        double share = support == 0 ? 0 : (double) c / support;
        String style = String.format(Locale.ROOT, "background:rgba(%d,%d,%d,%.3f)", colour.getRed(),
            colour.getGreen(), colour.getBlue(), share * 0.7);
        h.element("td", Long.toString(c), "class", i == j ? "num diag" : "num", "style", style,
            "title", names.get(i) + " predicted as " + names.get(j) + ": " + Formats.percent(share));
      }
      double acc = sum.classAccuracy(i);
      h.element("td", Double.isNaN(acc) ? Formats.MISSING : Formats.percent(acc), "class", "num");
      h.close("tr");
    }
    h.close("tbody").close("table").close("div");
    perClassSpread(h, matrices, names);
  }

  /** With several runs: the per-class accuracy's mean ± std over runs, one line. */
  private static void perClassSpread(HtmlWriter h, List<ConfusionMatrix> matrices, List<String> names) {
    if (matrices.size() < 2) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      int label = i;
      SampleStats s = SampleStats.of(matrices.stream().mapToDouble(m -> m.classAccuracy(label))
          .filter(Double::isFinite).toArray());
      parts.add(names.get(i) + " " + Formats.percentStats(s));
    }
    h.element("p", "Per-class accuracy over runs (mean ± std): " + String.join("; ", parts) + ".", "class", "note");
  }
}
