package dev.convbench.report;

import dev.convbench.analysis.Aggregate;
import dev.convbench.analysis.CellSummary;
import dev.convbench.analysis.ChanceLevel;
import dev.convbench.analysis.Comparison;
import dev.convbench.analysis.RunOutcome;
import dev.convbench.analysis.SampleStats;
import dev.convbench.analysis.TestFamily;
import dev.convbench.report.ComparisonFormat.Unit;
import dev.convbench.results.EpochRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The report's findings: sentences built only from the measured numbers, each pointing at the chart or table it
 * comes from. Every test the findings make joins the page's {@link TestFamily} (with the baseline column's), and a
 * difference between two cells is stated only when Welch's t-test over their seeds gives a Holm-adjusted
 * p &lt; 0.05 over that family; each comparison is quoted by {@link ComparisonFormat} (difference with its Welch t
 * interval, Hedges' g, P(A &gt; B), both p-values, and the seeds 80 % power would need when it falls short). With a
 * single run on either side the sentence gives the numbers and says "n=1: no claim of difference". Cells at chance
 * level ({@link ChanceLevel}) are named as such and never ranked against each other. Deterministic quantities
 * (parameters, FLOPs) need no test.
 *
 * <p>Drafting and writing are two steps: {@link #draft} decides every sentence and makes its tests, and
 * {@link #sentences} writes them once the family is complete, since every adjusted p-value depends on all the tests
 * on the page.
 */
// Cells are compared by identity on purpose: the baseline is one of the page's own cell objects.
@SuppressWarnings("ReferenceEquality")
final class Findings {

  /**
   * One finding.
   *
   * @param topic what it is about (Accuracy, Gradient flow, Generalization, Cost)
   * @param text the sentence
   * @param href the in-page link to its chart or table, e.g. {@code #figure-chart-accuracy-epoch}
   * @param linkText what the link says
   */
  record Finding(String topic, String text, String href, String linkText) {}

  /** A finding whose sentence is written when the family of tests is complete. */
  private record Draft(String topic, Supplier<String> text, String href, String linkText) {}

  static final String ACCURACY = "Accuracy";
  static final String GRADIENTS = "Gradient flow";
  static final String GENERALIZATION = "Generalization";
  static final String COST = "Cost";

  /** Relative change below which two means are not worth a sentence about their ratio ("about the same"). */
  private static final double SAME_RATIO = 1.05;

  private final ReportModel model;
  private final TestFamily family;
  private final List<Draft> out = new ArrayList<>();

  private Findings(ReportModel model, TestFamily family) {
    this.model = model;
    this.family = family;
  }

  /** Decides the findings of {@code model}, making their tests members of {@code family}. */
  static Findings draft(ReportModel model, TestFamily family) {
    Findings f = new Findings(model, family);
    f.accuracy();
    f.gradients();
    f.generalization();
    f.cost();
    return f;
  }

  /** The sentences; the family must be complete, and reading an adjusted p-value closes it. */
  List<Finding> sentences() {
    return out.stream().map(d -> new Finding(d.topic(), d.text().get(), d.href(), d.linkText())).toList();
  }

  private void add(String topic, String text, String href, String linkText) {
    add(topic, () -> text, href, linkText);
  }

  private void add(String topic, Supplier<String> text, String href, String linkText) {
    out.add(new Draft(topic, text, href, linkText));
  }

  /** Cells with at least one completed run with an epoch. */
  private List<CellSummary> measured() {
    return model.cells().stream().filter(c -> !c.finalAccuracy().isEmpty()).toList();
  }

  // ---------------------------------------------------------------------------------------------- shared tests

  /** A per-run value of a cell's completed runs, those the statistics are over; missing values left out. */
  static double[] values(CellSummary cell, Function<RunOutcome, Double> perRun) {
    return cell.completedOutcomes().stream().map(perRun).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
        .filter(Double::isFinite).toArray();
  }

  /** The key of a test: what is compared between which two cells, in either order. */
  static String key(String what, CellSummary x, CellSummary y) {
    return what + ": " + (x.label().compareTo(y.label()) <= 0 ? x.label() + " | " + y.label()
        : y.label() + " | " + x.label());
  }

  /** Whether both cells' final test accuracies are at chance level: then they are not compared at all. */
  static boolean bothAtChance(CellSummary x, CellSummary y) {
    return ChanceLevel.atChance(x) && ChanceLevel.atChance(y);
  }

  /** Final test accuracy of {@code a} against {@code b}, a member of {@code family}: one test per pair on the page. */
  static Comparison finalAccuracy(TestFamily family, CellSummary a, CellSummary b) {
    return family.compare(key("final test accuracy", a, b), values(a, RunOutcome::finalAccuracy),
        values(b, RunOutcome::finalAccuracy));
  }

  /** Guessing's accuracy for a cell, {@code 10.00 % for 10 classes}. */
  private static String chanceText(CellSummary c) {
    int k = ChanceLevel.classes(c);
    return String.format(Locale.ROOT, "%s for %d classes", Formats.percent(ChanceLevel.chance(k)), k);
  }

  // ---------------------------------------------------------------------------------------------- accuracy

  private void accuracy() {
    List<CellSummary> cells = measured();
    if (cells.isEmpty()) {
      add(ACCURACY, "No accuracy finding: no run has completed an epoch.", "#summary", "summary");
      return;
    }
    for (CellSummary c : cells) {
      if (c.target() == null) {
        add(ACCURACY, String.format(Locale.ROOT, "%s's best test accuracy was %s and its final %s%s.", c.label(),
            Formats.percentStats(c.bestAccuracy()), Formats.percentStats(c.finalAccuracy()), over(c.finalAccuracy())),
            "#figure-chart-accuracy-epoch", "accuracy by epoch");
      } else if (c.reached() > 0) {
        add(ACCURACY, reachedTarget(c), "#figure-chart-accuracy-epoch", "accuracy by epoch");
      } else {
        add(ACCURACY, String.format(Locale.ROOT, "%s's best test accuracy was %s%s (never reached the %s target).",
            c.label(), Formats.percentStats(c.bestAccuracy()), over(c.bestAccuracy()),
            Formats.targetPercent(c.target())), "#figure-chart-accuracy-epoch", "accuracy by epoch");
      }
      chance(c);
    }
    List<CellSummary> ranked = cells.stream()
        .sorted(Comparator.comparingDouble((CellSummary c) -> c.finalAccuracy().mean()).reversed()).toList();
    CellSummary top = ranked.get(0);
    for (CellSummary other : ranked.subList(1, ranked.size())) {
      String a = Formats.percentStats(top.finalAccuracy()) + over(top.finalAccuracy());
      String b = Formats.percentStats(other.finalAccuracy()) + over(other.finalAccuracy());
      if (bothAtChance(top, other)) {
        add(ACCURACY, String.format(Locale.ROOT, "%s (%s) and %s (%s) are both at chance level in final test "
            + "accuracy (%s): neither learned, so no difference between them is claimed or tested.", top.label(), a,
            other.label(), b, chanceText(top)), "#summary", "summary");
        continue;
      }
      Comparison c = finalAccuracy(family, top, other);
      add(ACCURACY, () -> {
        String stats = ComparisonFormat.statistics(c, Unit.PERCENTAGE_POINTS, top.label(), other.label());
        return switch (ComparisonFormat.verdict(c)) {
          case CALLED -> String.format(Locale.ROOT, "%s's final test accuracy (%s) is higher than %s's (%s): %s.",
              top.label(), a, other.label(), b, stats);
          case NOT_CALLED -> String.format(Locale.ROOT,
              "%s (%s) and %s (%s): no significant difference in final test accuracy (%s).", top.label(), a,
              other.label(), b, stats);
          case NO_TEST -> String.format(Locale.ROOT, "Final test accuracy: %s %s, %s %s (%s).", top.label(), a,
              other.label(), b, stats);
        };
      }, "#summary", "summary");
    }
  }

  /**
   * "resnet18 reached 60 % test accuracy at epoch 2.0 ± 0.0 (…)": epochs and time to the target over the runs that
   * reached it, by MLPerf's rule from {@value Aggregate#MLPERF_MIN_RUNS} such runs ({@link Aggregate#timeToTarget}).
   */
  private static String reachedTarget(CellSummary c) {
    List<RunOutcome> reached = c.completedOutcomes().stream().filter(RunOutcome::reachedTarget).toList();
    double[] epochs = reached.stream().mapToDouble(o -> o.epochsToTarget().doubleValue()).toArray();
    double[] seconds = reached.stream().map(RunOutcome::secondsToTarget).filter(Objects::nonNull)
        .mapToDouble(Double::doubleValue).toArray();
    String of = c.reached() < c.completed()
        ? String.format(Locale.ROOT, ", in %d of %d runs", c.reached(), c.completed()) : "";
    Aggregate time = Aggregate.timeToTarget(seconds);
    if (time.trimmed()) {
      return String.format(Locale.ROOT, "%s reached %s test accuracy at epoch %.1f (%s of training)%s: MLPerf's "
          + "rule, the mean of the %d runs left when the fastest and the slowest of the %d that reached it are "
          + "dropped.", c.label(), Formats.targetPercent(c.target()), Aggregate.timeToTarget(epochs).value(),
          Formats.duration(time.value()), of, time.used(), time.n());
    }
    String runs = !of.isEmpty() ? of : c.reached() > 1 ? String.format(Locale.ROOT, ", mean of %d runs",
        c.reached()) : "";
    return String.format(Locale.ROOT, "%s reached %s test accuracy at epoch %s (%s of training)%s.", c.label(),
        Formats.targetPercent(c.target()), Formats.plainStats(c.epochsToTarget(), c.epochsToTarget().n() == 1 ? 0 : 1),
        Formats.durationStats(c.secondsToTarget()), runs);
  }

  /** A cell that did not learn: at chance level, and runs that answer one class for every test image. */
  private void chance(CellSummary c) {
    String href = "#arch-" + model.number(c);
    if (ChanceLevel.atChance(c)) {
      int k = ChanceLevel.classes(c);
      add(ACCURACY, String.format(Locale.ROOT, "%s's final test accuracy (%s%s) is at chance level: guessing "
          + "scores %s, and a cell is at chance when its mean is below %s (%.0f %% of the way from guessing to "
          + "100 %%).", c.label(), Formats.percentStats(c.finalAccuracy()), over(c.finalAccuracy()),
          chanceText(c), Formats.percent(ChanceLevel.threshold(k)), ChanceLevel.MARGIN * 100), href,
          "confusion matrix");
    }
    Map<Integer, Integer> single = ChanceLevel.singleClassRuns(c);
    if (single.isEmpty()) {
      return;
    }
    int k = ChanceLevel.classes(c);
    long withMatrix = c.completedOutcomes().stream().filter(o -> o.run().confusionMatrix().isPresent()).count();
    int runs = single.values().stream().mapToInt(Integer::intValue).sum();
    String where = runs == withMatrix ? (runs == 1 ? "in its run" : "in each of its " + runs + " runs")
        : "in " + runs + " of its " + Formats.counted(withMatrix, "run") + " with a confusion matrix";
    String classes = single.size() == 1 ? className(single.keySet().iterator().next(), k)
        : single.entrySet().stream().map(e -> className(e.getKey(), k) + " in " + Formats.counted(e.getValue(), "run"))
            .collect(Collectors.joining("; "));
    add(ACCURACY, String.format(Locale.ROOT, "%s predicts a single class (%s) for every test image, %s.", c.label(),
        classes, where), href, "confusion matrix");
  }

  /** {@code class 3, cat}: the index, and the CIFAR-10 name when the matrix has ten classes. */
  private static String className(int index, int classes) {
    return classes == ArchitectureSection.CIFAR10.size() ? "class " + index + ", " + ArchitectureSection.CIFAR10.get(
        index) : "class " + index;
  }

  // ---------------------------------------------------------------------------------------------- gradients

  private void gradients() {
    if (model.gradientFlows().isEmpty()) {
      add(GRADIENTS, "No gradient-flow finding: no run recorded per-layer gradient statistics.", "#gradient-flow",
          "gradient flow");
      return;
    }
    List<GradientFlow> later = model.gradientFlows().values().stream().filter(GradientFlow::hasEpochsAfterTheFirst)
        .toList();
    if (later.isEmpty()) {
      add(GRADIENTS, "No gradient-flow comparison: the runs recorded per-layer statistics for epoch 1 only, and "
          + "the findings compare epochs 2 onwards (epoch 1 starts from the initialisation).", "#gradient-flow",
          "gradient flow");
      return;
    }
    for (GradientFlow flow : later) {
      SampleStats ratio = flow.stats(flow::firstToLastAfterEpochOne);
      List<List<String>> groups = List.copyOf(GradientFlow.groups(flow.layers()).values());
      if (ratio.isEmpty() || groups.size() < 2) {
        continue;
      }
      String[] names = GradientFlow.groups(flow.layers()).keySet().toArray(String[]::new);
      add(GRADIENTS, String.format(Locale.ROOT, "In %s, the %s had %s the gradient norm of the %s after epoch 1 "
          + "(mean layer norm, epochs 2 onwards%s).", flow.cell().label(), names[0], Formats.ratio(ratio.mean()),
          names[names.length - 1], ratio.n() > 1 ? ", mean of " + ratio.n() + " runs" : ""),
          "#figure-grad-groups-" + model.number(flow.cell()), "gradient norm by layer group");
    }
    List<GradientFlow> comparable = later.stream().filter(f -> !f.stats(f::firstLayerAfterEpochOne).isEmpty())
        .toList();
    List<GradientFlow[]> pairs = new ArrayList<>();
    for (int i = 0; i < comparable.size(); i++) {
      for (int j = i + 1; j < comparable.size(); j++) {
        if (comparable.get(i).cell().architectures().equals(comparable.get(j).cell().architectures())) {
          pairs.add(new GradientFlow[] {comparable.get(i), comparable.get(j)});
        }
      }
    }
    if (pairs.isEmpty() && comparable.size() >= 2) {
      Comparator<GradientFlow> byNorm = Comparator.comparingDouble(f -> f.stats(f::firstLayerAfterEpochOne).mean());
      pairs.add(new GradientFlow[] {comparable.stream().min(byNorm).orElseThrow(),
          comparable.stream().max(byNorm).orElseThrow()});
    }
    for (GradientFlow[] pair : pairs) {
      firstLayerComparison(pair[0], pair[1]);
    }
  }

  private void firstLayerComparison(GradientFlow x, GradientFlow y) {
    SampleStats sx = x.stats(x::firstLayerAfterEpochOne);
    SampleStats sy = y.stats(y::firstLayerAfterEpochOne);
    GradientFlow small = sx.mean() <= sy.mean() ? x : y;
    GradientFlow large = small == x ? y : x;
    SampleStats ss = small == x ? sx : sy;
    SampleStats sl = small == x ? sy : sx;
    double ratio = sl.mean() / ss.mean();
    // Norms are positive and spread multiplicatively: the test compares their logarithms (a ratio test).
    Comparison c = family.compare(key("log first-layer gradient norm", small.cell(), large.cell()), logs(large),
        logs(small));
    String subject = String.format(Locale.ROOT, "%s's first-layer (%s) gradient norm after epoch 1", small.cell()
        .label(), small.shortNames().get(0));
    String values = String.format(Locale.ROOT, "%s vs %s's %s", Formats.significant(ss.mean(), 2),
        large.cell().label(), Formats.significant(sl.mean(), 2));
    String href = "#figure-grad-first-layer";
    String linkText = "first-layer gradient norm";
    add(GRADIENTS, () -> {
      String stats = ComparisonFormat.statistics(c, Unit.LOG10_RATIO, large.cell().label(), small.cell().label());
      if (ratio < SAME_RATIO) {
        return String.format(Locale.ROOT, "%s is about the same as %s's (%s; ratio of means %s; %s).", subject,
            large.cell().label(), values, Formats.ratio(ratio), stats);
      }
      return switch (ComparisonFormat.verdict(c)) {
        case CALLED -> String.format(Locale.ROOT, "%s is %s smaller than %s's (%s; %s).", subject,
            Formats.ratio(ratio), large.cell().label(), values, stats);
        case NOT_CALLED -> String.format(Locale.ROOT, "%s was %s smaller than %s's (%s), but the difference is "
            + "not significant (%s).", subject, Formats.ratio(ratio), large.cell().label(), values,
            stats);
        case NO_TEST -> String.format(Locale.ROOT, "%s was %s smaller than %s's (%s; %s).", subject,
            Formats.ratio(ratio), large.cell().label(), values, stats);
      };
    }, href, linkText);
  }

  private static double[] logs(GradientFlow flow) {
    return flow.runs().stream().mapToDouble(flow::firstLayerAfterEpochOne).filter(v -> v > 0 && Double.isFinite(v))
        .map(Math::log10).toArray();
  }

  // ---------------------------------------------------------------------------------------------- generalization

  /** Per completed run: train-eval minus test accuracy at its last epoch, when measured. */
  static double finalGap(RunOutcome o) {
    return o.run().lastEpoch().map(m -> m.trainEvalAccuracy() - m.testAccuracy()).orElse(Double.NaN);
  }

  static SampleStats stats(CellSummary cell, ToDoubleFunction<RunOutcome> perRun) {
    return SampleStats.of(cell.completedOutcomes().stream().mapToDouble(perRun).filter(Double::isFinite).toArray());
  }

  private void generalization() {
    List<CellSummary> cells = measured().stream().filter(c -> !stats(c, Findings::finalGap).isEmpty()).toList();
    if (cells.isEmpty()) {
      add(GENERALIZATION, "No generalization finding: no completed run measured training-sample accuracy in "
          + "evaluation mode.", "#generalization", "generalization");
    }
    for (CellSummary c : cells) {
      SampleStats gap = stats(c, Findings::finalGap);
      SampleStats train = stats(c, o -> o.run().lastEpoch().map(EpochRecord::trainEvalAccuracy).orElse(Double.NaN));
      SampleStats test = stats(c, o -> o.run().lastEpoch().map(EpochRecord::testAccuracy).orElse(Double.NaN));
      StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
          "%s's generalization gap at its last epoch was %s (training sample %s, test %s%s)", c.label(),
          Formats.percentagePointStats(gap), Formats.percentStats(train), Formats.percentStats(test), over(gap)));
      Curve curve = Curves.byEpoch(c, m -> m.trainEvalAccuracy() - m.testAccuracy());
      curve.points().stream().max(Comparator.comparingDouble(Curve.Point::mean)).ifPresent(max -> {
        if (max.mean() - gap.mean() > 0.005 && !curve.points().isEmpty()) {
          text.append(String.format(Locale.ROOT, "; it was largest, %s, at epoch %d", Formats.percentagePoints(
              max.mean()), Math.round(max.x())));
        }
      });
      add(GENERALIZATION, text + ".", "#figure-chart-generalization", "generalization gap");
    }
    for (CellSummary c : measured()) {
      Curve test = Curves.byEpoch(c, EpochRecord::testAccuracy);
      if (test.points().size() < 2) {
        continue;
      }
      Curve.Point best = test.points().stream().max(Comparator.comparingDouble(Curve.Point::mean)).orElseThrow();
      Curve.Point last = test.points().get(test.points().size() - 1);
      if (best != last && best.mean() - last.mean() > 0.005) {
        add(GENERALIZATION, String.format(Locale.ROOT, "%s's mean test accuracy peaked at %s in epoch %d and "
            + "ended at %s (%s).", c.label(), Formats.percent(best.mean()), Math.round(best.x()),
            Formats.percent(last.mean()), Formats.percentagePoints(last.mean() - best.mean())),
            "#figure-chart-accuracy-epoch", "accuracy by epoch");
      }
    }
    if (cells.size() >= 2) {
      Comparator<CellSummary> byGap = Comparator.comparingDouble(c -> stats(c, Findings::finalGap).mean());
      CellSummary largest = cells.stream().max(byGap).orElseThrow();
      CellSummary smallest = cells.stream().min(byGap).orElseThrow();
      SampleStats a = stats(largest, Findings::finalGap);
      SampleStats b = stats(smallest, Findings::finalGap);
      Comparison c = family.compare(key("final generalization gap", largest, smallest),
          values(largest, Findings::finalGap), values(smallest, Findings::finalGap));
      add(GENERALIZATION, () -> {
        String stats = ComparisonFormat.statistics(c, Unit.PERCENTAGE_POINTS, largest.label(), smallest.label());
        return switch (ComparisonFormat.verdict(c)) {
          case CALLED -> String.format(Locale.ROOT, "%s's final generalization gap (%s) is larger than %s's (%s): "
              + "%s.", largest.label(), Formats.percentagePointStats(a), smallest.label(),
              Formats.percentagePointStats(b), stats);
          case NOT_CALLED -> String.format(Locale.ROOT, "%s's final generalization gap (%s) and %s's (%s): no "
              + "significant difference (%s).", largest.label(), Formats.percentagePointStats(a), smallest.label(),
              Formats.percentagePointStats(b), stats);
          case NO_TEST -> String.format(Locale.ROOT, "Largest final generalization gap: %s (%s); smallest: %s (%s); "
              + "%s.", largest.label(), Formats.percentagePointStats(a), smallest.label(),
              Formats.percentagePointStats(b), stats);
        };
      }, "#figure-chart-generalization", "generalization gap");
    }
  }

  // ---------------------------------------------------------------------------------------------- cost

  private void cost() {
    List<CellSummary> cells = measured();
    ratioFinding(cells, CellSummary::parameterCount, "parameters", Formats::count, "#cost-table", "cost table");
    ratioFinding(cells, CellSummary::flops, "FLOPs per image", Formats::flops, "#cost-table", "cost table");
    boolean flops = cells.stream().anyMatch(c -> c.flops().isPresent());
    List<Pareto.Point> points = CostSection.points(cells, flops ? CostSection.Axis.FLOPS : CostSection.Axis.PARAMETERS);
    String axis = flops ? "FLOPs per image" : "parameters";
    String href = flops ? "#figure-cost-flops" : "#figure-cost-parameters";
    if (points.size() >= 2) {
      List<Pareto.Point> front = Pareto.front(points);
      add(COST, String.format(Locale.ROOT, "On final test accuracy against %s, the Pareto front (mean accuracy) is: "
          + "%s.", axis, String.join(", ", front.stream().map(p -> p.cell().label()).toList())), href,
          "accuracy against " + axis);
      for (Pareto.Point p : points) {
        Pareto.Point by = Pareto.dominator(p, points);
        if (by == null) {
          continue;
        }
        CostSection.Axis a = flops ? CostSection.Axis.FLOPS : CostSection.Axis.PARAMETERS;
        String costs = String.format(Locale.ROOT, "%s is dominated by %s (%s: %s vs %s; final test accuracy %s vs %s",
            p.cell().label(), by.cell().label(), axis, CostSection.format(a, by.cost()), CostSection.format(a,
                p.cost()), Formats.percentStats(by.accuracy()), Formats.percentStats(p.accuracy()));
        if (bothAtChance(by.cell(), p.cell())) {
          add(COST, costs + "; both at chance level, so no accuracy difference is claimed: dominated on the means "
              + "only).", href, "accuracy against " + axis);
          continue;
        }
        Comparison c = finalAccuracy(family, by.cell(), p.cell());
        add(COST, () -> {
          String stats = ComparisonFormat.statistics(c, Unit.PERCENTAGE_POINTS, by.cell().label(), p.cell().label());
          String test = switch (ComparisonFormat.verdict(c)) {
            case CALLED -> "accuracy " + stats;
            case NOT_CALLED -> "no significant accuracy difference (" + stats + "), so dominated on the means only";
            case NO_TEST -> "accuracy " + stats + ", so dominated on the means only";
          };
          return costs + "; " + test + ").";
        }, href, "accuracy against " + axis);
      }
    }
    List<CellSummary> timed = cells.stream().filter(c -> !c.trainingSeconds().isEmpty()).toList();
    if (timed.size() >= 2) {
      Comparator<CellSummary> byTime = Comparator.comparingDouble(c -> c.trainingSeconds().mean());
      CellSummary fast = timed.stream().min(byTime).orElseThrow();
      CellSummary slow = timed.stream().max(byTime).orElseThrow();
      Comparison c = family.compare(key("training time", slow, fast), values(slow, RunOutcome::trainingSeconds),
          values(fast, RunOutcome::trainingSeconds));
      String ratio = Formats.ratio(slow.trainingSeconds().mean() / fast.trainingSeconds().mean());
      add(COST, () -> {
        String stats = ComparisonFormat.statistics(c, Unit.SECONDS, slow.label(), fast.label());
        String claim = switch (ComparisonFormat.verdict(c)) {
          case CALLED -> String.format(Locale.ROOT, "%s took %s as long as %s (%s)", slow.label(), ratio,
              fast.label(), stats);
          case NOT_CALLED -> String.format(Locale.ROOT, "ratio %s, not significant (%s)", ratio, stats);
          case NO_TEST -> String.format(Locale.ROOT, "ratio %s (%s)", ratio, stats);
        };
        return String.format(Locale.ROOT, "Training time: shortest %s (%s), longest %s (%s); %s.",
            fast.label(), Formats.durationStats(fast.trainingSeconds()), slow.label(),
            Formats.durationStats(slow.trainingSeconds()), claim);
      }, "#figure-cost-time", "accuracy against training time");
    }
  }

  private void ratioFinding(List<CellSummary> cells, Function<CellSummary, OptionalLong> value, String what,
      Function<Long, String> format, String href, String linkText) {
    List<CellSummary> known = cells.stream().filter(c -> value.apply(c).isPresent()).toList();
    if (known.size() < 2) {
      return;
    }
    Comparator<CellSummary> order = Comparator.comparingLong(c -> value.apply(c).getAsLong());
    CellSummary most = known.stream().max(order).orElseThrow();
    CellSummary least = known.stream().min(order).orElseThrow();
    long a = value.apply(most).getAsLong();
    long b = value.apply(least).getAsLong();
    if (a == b) {
      add(COST, String.format(Locale.ROOT, "Every cell has the same %s (%s).", what, format.apply(a)), href,
          linkText);
      return;
    }
    add(COST, String.format(Locale.ROOT, "%s has %s the %s of %s (%s vs %s).", most.label(),
        Formats.ratio((double) a / b), what, least.label(), format.apply(a), format.apply(b)), href, linkText);
  }

  /** {@code " over 3 runs"} style suffix, empty for one value. */
  private static String over(SampleStats s) {
    return s.n() > 1 ? ", n=" + s.n() : "";
  }
}
