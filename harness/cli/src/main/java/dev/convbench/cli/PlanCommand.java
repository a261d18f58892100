package dev.convbench.cli;

import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.run.RunCost;
import dev.convbench.run.RunCosts;
import dev.convbench.run.ShardAssignment;
import dev.convbench.store.ClaimSettings;
import dev.convbench.store.Claims;
import dev.convbench.results.Counted;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.results.ResultsLayout;
import dev.convbench.results.StreamSeeds;
import dev.convbench.store.RecordMapping;
import dev.convbench.training.RunSeeds;
import dev.convbench.store.ResultStore;
import dev.convbench.store.RunIdentities;
import dev.convbench.store.RunState;
import dev.convbench.training.Precision;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code convbench plan FILE}: each run's estimated cost, how {@code --shards N} workers split the runs (the same
 * split {@code --shard K/N} makes), each shard's total cost and estimated training time, and with {@code --out} where
 * each run stands in a results directory. Trains nothing and reads no data.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Estimate what each run of an experiment file costs and how N workers (--shards N) would share "
        + "the runs; train nothing, read no data.",
        "Cost: multiply-accumulates of the training forward passes (MACs per image × training images × epochs), "
            + "computed from the file alone, so every machine gets the same shards.",
        "Time: 3 × cost (forward + backward) ÷ --throughput; training steps only, evaluation and start-up come "
            + "on top.", "With --out DIR: where each run stands in that results directory."})
final class PlanCommand implements Callable<Integer> {

  /**
   * Default of {@code --throughput}, in GMAC/s of training: ResNet-18 measured on this project's 2-core CPU (no GPU)
   * with {@code convbench bench resnet18 --steps 10} (batch 128): 73.8 and 74.7 images/s in two measurements, ×
   * 555.4 MMAC per image × 3 = 123 and 124 GMAC/s. Networks as small as baseline-cnn reach only 18 GMAC/s there
   * ({@code bench baseline-cnn --steps 30}: 9,360 images/s × 0.65 MMAC × 3) because per-step overhead, not
   * arithmetic, dominates, so their time is underestimated; they are too cheap to matter in a plan.
   */
  static final String DEFAULT_THROUGHPUT_GMACS = "123";

  /** A training step costs about one forward pass plus a backward pass of twice its MACs. */
  static final double TRAINING_MACS_PER_FORWARD_MAC = 3;

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;
  private final Provider<RunCosts> costs;
  private final Provider<ProcessIdentity> self;

  @Mixin
  ExperimentOptions experimentOptions;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "1",
      description = "Split the runs into N shards, balanced by cost (default ${DEFAULT-VALUE}).")
  int shards;

  @Option(names = "--throughput", paramLabel = "GMACS", defaultValue = DEFAULT_THROUGHPUT_GMACS,
      description = {"Training speed of one worker in giga-MAC/s, forward + backward (default ${DEFAULT-VALUE}: "
          + "ResNet-18 on this project's 2-core CPU, 'bench resnet18 --steps 10': 74 images/s × 555.4 MMAC × 3).",
          "Small networks run slower than this (baseline-cnn: 18 GMAC/s on that CPU); measure yours with 'bench'."})
  double throughputGmacs;

  @Option(names = "--json", description = "Print JSON instead of tables.")
  boolean json;

  @Option(names = "--out", paramLabel = "DIR",
      description = "A results directory of this experiment: show where each run stands there (done, claimed by "
          + "whom with the heartbeat's age, stale, failed, changed, left).")
  Path out;

  @Option(names = "--stale-after", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "With --out: when a claim counts as stale, as for run and worker (default: 5m).")
  Duration staleAfter = ClaimSettings.DEFAULT_STALE_AFTER;

  @Inject
  PlanCommand(CommandContext context, Provider<PluginRegistry> plugins, Provider<RunCosts> costs,
      Provider<ProcessIdentity> self) {
    this.context = context;
    this.plugins = plugins;
    this.costs = costs;
    this.self = self;
  }

  /**
   * One run as the plan shows it. Facts about a run that are not costs (e.g. how far a results directory got) fit
   * as further components; the text table takes its columns from {@link #RUN_COLUMNS}.
   *
   * @param cost MACs of the training forward passes ({@link RunCost#macs()})
   * @param buildError why the network failed to build (the cost is then a stand-in), or {@code null}
   * @param status with {@code --out}: {@code done}, {@code claimed}, {@code stale}, {@code failed}, {@code changed}
   *     (finished with other settings) or {@code left}; else {@code null}
   * @param statusDetail with {@code --out}: who holds it and since when, why it is stale, its error…
   * @param streamSeeds the seeds of its weight initialisation, data order and augmentation ({@code seed} is the
   *     first of them)
   */
  record RunRow(String id, String label, long seed, String architecture, long macsPerImage, long trainImages,
      int epochs, double cost, int shard, String buildError, String status, String statusDetail,
      StreamSeeds streamSeeds) {}

  /**
   * One shard's total.
   *
   * @param cost the sum of its runs' costs
   * @param estimatedSeconds training time of its runs at the plan's throughput
   */
  record ShardRow(int index, int runCount, double cost, double estimatedSeconds) {}

  /**
   * The {@code --json} document.
   *
   * @param autoPrecision what {@code precision: auto} means for these runs (as {@code --out}'s directory recorded
   *     it, else on this machine); {@code null} when no run asks for it
   */
  record Plan(String experiment, int shardCount, double throughputGmacs, List<RunRow> runs, List<ShardRow> shards,
      Precision autoPrecision) {}

  /** A column of the text table of runs. */
  private record Column(String header, boolean alignLeft, Function<RunRow, String> value) {}

  private static final List<Column> RUN_COLUMNS = List.of(
      new Column("RUN", true, RunRow::id),
      new Column("SHARD", false, r -> String.valueOf(r.shard())),
      new Column("MMAC/IMG", false, r -> String.format(Locale.ROOT, "%,.1f%s", r.macsPerImage() / 1e6,
          r.buildError() != null ? "*" : "")),
      new Column("IMAGES × EPOCHS", false, r -> String.format(Locale.ROOT, "%,d × %d", r.trainImages(),
          r.epochs())),
      new Column("GMAC", false, r -> gmac(r.cost())),
      new Column("LABEL", true, r -> r.label() + ", " + seedsText(r.streamSeeds())));

  private static String seedsText(StreamSeeds seeds) {
    return new RunSeeds(seeds.init(), seeds.dataOrder(), seeds.augmentation()).describe();
  }

  @Override
  public Integer call() throws Exception {
    if (shards < 1) {
      throw new UserInputException("--shards must be at least 1, not " + shards);
    }
    if (!(throughputGmacs > 0) || Double.isInfinite(throughputGmacs)) {
      throw new UserInputException("--throughput must be a positive number of GMAC/s, not " + throughputGmacs);
    }
    Path dir = out == null ? null : context.resolve(out);
    Experiment experiment = ExperimentOptions.resolvedForThisMachine(experimentOptions.load(context, plugins.get()),
        dir);
    List<RunCost> runCosts = costs.get().estimate(experiment.runs());
    warnAboutStandInCosts(runCosts);
    Map<String, RunState> states = dir == null ? Map.of() : states(experiment, dir);
    Plan plan = plan(experiment, runCosts, ShardAssignment.assign(runCosts, shards), states);
    if (json) {
      context.out().println(Json.write(plan));
    } else {
      printText(plan, experiment, ExperimentOptions.recordedAutoPrecision(experiment, dir).isPresent()
          ? dir.resolve(ResultsLayout.EXPERIMENT_FILE) : null);
    }
    return ExitCode.OK;
  }

  /**
   * Where each run stands in {@code dir}. The data is not read: a run counts as changed when its settings differ,
   * not when only the data's content does (which {@code run} also checks).
   */
  private Map<String, RunState> states(Experiment experiment, Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new UserInputException("no results directory at " + dir);
    }
    ResultStore store = new ResultStore(dir, context.clock());
    store.checkJoinable(experiment);
    Map<String, RunState> states = new LinkedHashMap<>();
    ClaimSettings settings;
    try {
      settings = new ClaimSettings(staleAfter, ClaimSettings.DEFAULT_HEARTBEAT.compareTo(staleAfter.dividedBy(2)) > 0
          ? staleAfter.dividedBy(2) : ClaimSettings.DEFAULT_HEARTBEAT);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    try (Claims claims = new Claims(dir, settings, self.get(), context.clock())) {
      for (RunSpec spec : experiment.runs()) {
        states.put(spec.runId(), store.inspect(spec, RunIdentities.of(spec, null), claims));
      }
    }
    return states;
  }

  private static String statusName(RunState state) {
    return state.kind() == RunState.Kind.HELD ? "claimed" : state.kind().id();
  }

  private Plan plan(Experiment experiment, List<RunCost> costs, ShardAssignment assignment,
      Map<String, RunState> states) {
    List<RunRow> runs = new ArrayList<>();
    for (RunCost c : costs) {
      RunSpec r = c.run();
      RunState state = states.get(r.runId());
      runs.add(new RunRow(r.runId(), r.label(), r.seed(), r.architecture(), c.macsPerImage(), c.trainImages(),
          c.epochs(), c.macs(), assignment.shardOf(r.runId()), c.buildError(),
          state == null ? null : statusName(state), state == null ? null : state.reason(),
          RecordMapping.streamSeeds(r.seeds())));
    }
    List<ShardRow> shardRows = new ArrayList<>();
    for (int s = 0; s < assignment.shardCount(); s++) {
      shardRows.add(new ShardRow(s, assignment.runs(s).size(), assignment.cost(s), seconds(assignment.cost(s))));
    }
    return new Plan(experiment.name(), assignment.shardCount(), throughputGmacs, runs, shardRows,
        experiment.autoPrecision());
  }

  private double seconds(double forwardMacs) {
    return TRAINING_MACS_PER_FORWARD_MAC * forwardMacs / (throughputGmacs * 1e9);
  }

  /** One warning per network that failed to build, so the user knows which costs are guesses. */
  private void warnAboutStandInCosts(List<RunCost> costs) {
    Map<String, List<RunCost>> byNetwork = new LinkedHashMap<>();
    for (RunCost c : costs) {
      if (c.isFallback()) {
        byNetwork.computeIfAbsent(c.run().architecture() + " " + c.run().hyperParameters(), k -> new ArrayList<>())
            .add(c);
      }
    }
    boolean noneBuilt = costs.stream().allMatch(RunCost::isFallback);
    byNetwork.forEach((network, runs) -> context.err().printf(Locale.ROOT,
        "warning: %s fails to build (%s); its %s costed at %s%n", network, runs.get(0).buildError(),
        Counted.of(runs.size(), "run") + (runs.size() == 1 ? " is" : " are"), noneBuilt ? "1 MAC per image, as no network of the file builds: shards balance images × epochs"
            : String.format(Locale.ROOT, "%,.1f MMAC per image, the mean of the networks that build",
                runs.get(0).macsPerImage() / 1e6)));
  }

  /** The plan as tables; {@code autoRecordedIn} is the file that recorded what auto means, or {@code null}. */
  private void printText(Plan plan, Experiment experiment, Path autoRecordedIn) {
    context.out().printf("%s: experiment '%s', %d runs, %s%n", experiment.source(), plan.experiment(),
        plan.runs().size(), plan.shardCount() == 1 ? "1 shard" : plan.shardCount() + " shards");
    if (plan.autoPrecision() != null) {
      context.out().println("precision auto: " + plan.autoPrecision()
          + (autoRecordedIn != null ? ", as recorded in " + autoRecordedIn : " on this machine"));
    }
    List<Column> columns = new ArrayList<>(RUN_COLUMNS);
    if (out != null) {
      columns.add(1, new Column("STATUS", true, RunRow::status));
      columns.add(new Column("WHERE IT STANDS", true, RunRow::statusDetail));
    }
    printTable(columns, plan.runs());
    if (plan.runs().stream().anyMatch(r -> r.buildError() != null)) {
      context.out().println("* the network fails to build; a stand-in cost (see the warning)");
    }
    context.out().println();
    context.out().printf("%-6s %5s %14s  %s%n", "SHARD", "RUNS", "GMAC", "EST. TIME");
    double totalCost = 0;
    double longest = 0;
    for (ShardRow s : plan.shards()) {
      context.out().printf("%-6d %5d %14s  %s%n", s.index(), s.runCount(), gmac(s.cost()),
          duration(s.estimatedSeconds()));
      totalCost += s.cost();
      longest = Math.max(longest, s.estimatedSeconds());
    }
    if (plan.shardCount() > 1) {
      context.out().printf("%-6s %5d %14s  %s%n", "all", plan.runs().size(), gmac(totalCost),
          duration(seconds(totalCost)));
      context.out().printf("%d workers finish with the longest shard, after %s (an even split: %s)%n",
          plan.shardCount(), duration(longest), duration(seconds(totalCost) / plan.shardCount()));
    }
    if (out != null) {
      Map<String, Long> counts = new LinkedHashMap<>();
      plan.runs().forEach(r -> counts.merge(r.status(), 1L, Long::sum));
      context.out().println(context.resolve(out) + ": " + counts.entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
    }
    context.out().printf(Locale.ROOT, "cost: MACs of the training forward passes; time: 3 × cost at %s GMAC/s "
        + "(--throughput), training steps only%n", String.format(Locale.ROOT, "%,.1f", plan.throughputGmacs()));
  }

  private void printTable(List<Column> columns, List<RunRow> rows) {
    int[] widths = new int[columns.size()];
    List<List<String>> cells = new ArrayList<>();
    for (RunRow row : rows) {
      cells.add(columns.stream().map(c -> c.value().apply(row)).toList());
    }
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).header().length();
      for (List<String> line : cells) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    context.out().println(line(columns, widths, columns.stream().map(Column::header).toList()));
    for (List<String> line : cells) {
      context.out().println(line(columns, widths, line));
    }
  }

  private static String line(List<Column> columns, int[] widths, List<String> values) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      String padding = " ".repeat(widths[i] - values.get(i).length());
      text.append(i == 0 ? "" : "  ");
      text.append(columns.get(i).alignLeft() ? values.get(i) + padding : padding + values.get(i));
    }
    return text.toString().stripTrailing();
  }

  private static String gmac(double macs) {
    return String.format(Locale.ROOT, "%,.1f", macs / 1e9);
  }

  /** A duration as people read it: {@code 45 s}, {@code 12 min 05 s}, {@code 3 h 20 min}, {@code 4 d 07 h}. */
  static String duration(double seconds) {
    if (seconds > 0 && seconds < 0.5) {
      return "< 1 s";
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    if (s < 2 * 86400) {
      return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%d d %02d h", s / 86400, s % 86400 / 3600);
  }
}
