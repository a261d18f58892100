package dev.convbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.DatasetReader.DatasetSection;
import dev.convbench.experiment.MatrixSpec.Dimension;
import dev.convbench.experiment.YamlTree.Entry;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.DeviceSetting;
import dev.convbench.training.RunSeeds;
import dev.convbench.training.Threads;
import dev.convbench.training.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one experiment file: walks the node tree section by section, records every problem with its position, and
 * when there are none builds the {@link Experiment}. One instance per file; see {@link ExperimentLoader} for the
 * schema.
 *
 * <p>Checks that need the expanded matrix (include/exclude matching, cross-field checks per cell, the baseline)
 * only run when the sections they depend on are valid, so that one typo does not cascade into misleading
 * follow-up problems.
 */
final class ExperimentReader {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  static final int MAX_NAME_LENGTH = 64;
  static final int MAX_RUNS = 10_000;
  static final int MAX_SEED_COUNT = 1_000;

  static final List<String> TOP_LEVEL_KEYS =
      List.of("name", "description", "dataset", "defaults", "architectures", "architecture", "matrix", "seeds",
          "report", "threads", "device");
  static final List<String> THREAD_KEYS = List.of("intra-op", "inter-op");
  static final List<String> REPORT_KEYS = List.of("baseline");

  static final ValueReader NAME_READER = nameReader();
  static final ValueReader DESCRIPTION_READER = ValueReaders.string("text");
  static final ValueReader THREAD_COUNT = ValueReaders.integer(1, 1024, "a thread count from 1 to 1024");
  static final ValueReader DEVICE_READER = ValueReader.of(JsonSchemas.text(DeviceSetting.SPELLING.pattern()), node -> {
    String text = ValueReaders.text(node, DeviceSetting.EXPECTED);
    return DeviceSetting.parse(text).orElseThrow(() -> InvalidValue.because("must be " + DeviceSetting.EXPECTED
        + ", got " + YamlTree.describe(node)));
  });
  static final ValueReader BASELINE_READER = ValueReaders.string("a cell label or an architecture name");

  private final Path source;
  private final String text;
  private final Architectures architectures;
  private final Problems problems;
  private final SectionReader sections;

  ExperimentReader(Path source, String text, Architectures architectures) {
    this.source = source;
    this.text = text;
    this.architectures = architectures;
    this.problems = new Problems(source);
    this.sections = new SectionReader(problems);
  }

  Experiment read() throws ExperimentException {
    // A byte-order mark is not content; SnakeYAML only skips it in streams.
    Optional<Node> composed = YamlTree.compose(text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
    problems.throwIfAny();
    if (composed.isEmpty()) {
      problems.at((Mark) null, "the file is empty; an experiment needs at least a 'name' and an architecture");
      throw new ExperimentException(problems.sorted());
    }
    Node root = composed.get();
    if (!(root instanceof MappingNode rootMapping)) {
      problems.at(root, "the top level must be a mapping of keys such as 'name:' and 'matrix:', got "
          + YamlTree.describe(root));
      throw new ExperimentException(problems.sorted());
    }
    Map<String, Entry> top = new HashMap<>();
    for (Entry e : YamlTree.entries(rootMapping, problems)) {
      if (TOP_LEVEL_KEYS.contains(e.key())) {
        top.put(e.key(), e);
      } else if (!e.key().startsWith("x-")) { // "x-" keys are free, e.g. to hold anchors
        problems.at(e.keyNode(), unknownTopLevelKey(e.key()));
      }
    }

    String name = readName(top.get("name"), root);
    String description = readDescription(top.get("description"));
    int mark = problems.count();
    DatasetSection dataset = new DatasetReader(sections, source).read(top.get("dataset"));
    boolean datasetValid = problems.count() == mark;
    mark = problems.count();
    Map<String, Located> defaults = new DefaultsReader(sections).read(top.get("defaults"));
    boolean defaultsValid = problems.count() == mark;
    mark = problems.count();
    Map<String, Map<String, Located>> fixedParameters = readArchitectures(top.get("architectures"));
    MatrixSpec matrix = new MatrixReader(sections, new MatrixKeys(architectures))
        .read(top.get("matrix"), top.get("architecture"), root);
    boolean matrixValid = problems.count() == mark;
    List<RunSeeds> seeds = new SeedsReader(sections, problems).read(top.get("seeds"));
    Optional<Located> baseline = readReport(top.get("report"));
    Threads threads = readThreads(top.get("threads"));
    DeviceSetting device = readDevice(top.get("device"));

    if (!matrixValid) {
      problems.throwIfAny();
    }
    List<Cell> cells = new MatrixExpander(problems).expand(matrix);
    checkHyperParameterKeysApply(matrix, cells);
    if ((long) cells.size() * seeds.size() > MAX_RUNS) {
      String choices = seeds.stream().allMatch(RunSeeds::isUniform) ? " seeds" : " seed combinations";
      problems.at(matrix.node(), cells.size() + " cells × " + seeds.size() + choices + " is more than " + MAX_RUNS
          + " runs; split the experiment");
    }
    if (datasetValid && defaultsValid) {
      CellChecks checks = new CellChecks(problems);
      cells.forEach(cell -> checks.check(cell, defaults, dataset));
      checks.checkDefaultsApplySomewhere(defaults);
    }
    String baselineLabel = baseline.map(b -> resolveBaseline(b, cells)).orElse(null);
    checkNamesAreUnique(cells, matrix);
    problems.throwIfAny();

    List<RunSpec> runs = runs(cells, seeds, defaults, fixedParameters, dataset.options());
    Map<String, Object> defaultValues = new HashMap<>();
    defaults.forEach((k, v) -> defaultValues.put(k, v.value()));
    return new Experiment(name, description, source, text, dataset.options(), List.copyOf(runs), baselineLabel,
        TrainingSettings.checkpoints(defaultValues), threads, device);
  }

  // ---------------------------------------------------------------- top level

  private String unknownTopLevelKey(String key) {
    if (TrainingSettings.keys().contains(key) || TrainingSettings.SECTIONS.contains(key)) {
      return "unknown key '" + key + "' at top level; training settings go under 'defaults:'";
    }
    if (DatasetReader.KEYS.contains(key)) {
      return "unknown key '" + key + "' at top level; data settings go under 'dataset:'";
    }
    return "unknown key '" + key + "' at top level"
        + Suggestions.didYouMeanOrList(key, TOP_LEVEL_KEYS, "valid keys");
  }

  private String readName(Entry entry, Node root) {
    if (entry == null) {
      problems.at(root, "missing required key 'name' (it names the results directory results/<name>/)");
      return null;
    }
    return sections.read(NAME_READER, entry.value(), "name").map(v -> (String) v.value()).orElse(null);
  }

  /** A name of at most {@link #MAX_NAME_LENGTH} characters matching {@link #NAME}; YAML may read one as a number. */
  private static ValueReader nameReader() {
    String expectation = "a name matching " + NAME.pattern() + " (it names the results directory)";
    ObjectNode text = JsonSchemas.text(NAME.pattern());
    text.put("maxLength", MAX_NAME_LENGTH);
    ObjectNode number = JsonSchemas.type("number");
    number.put("minimum", 0);
    return ValueReader.of(JsonSchemas.anyOf(text, number), node -> {
      String name = ValueReaders.text(node, expectation);
      if (!NAME.matcher(name).matches()) {
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(node));
      }
      if (name.length() > MAX_NAME_LENGTH) {
        throw InvalidValue.because("must be at most " + MAX_NAME_LENGTH + " characters long");
      }
      return name;
    });
  }

  private String readDescription(Entry entry) {
    if (entry == null || YamlTree.isNull(entry.value())) {
      return "";
    }
    return sections.read(DESCRIPTION_READER, entry.value(), "description").map(v -> ((String) v.value()).strip())
        .orElse("");
  }

  // ---------------------------------------------------------------- architectures

  private Map<String, Map<String, Located>> readArchitectures(Entry section) {
    Map<String, Map<String, Located>> all = new HashMap<>();
    for (Entry arch : sections.entries(section, "{resnet: {depth: 34}}")) {
      if (architectures.find(arch.key()).isEmpty()) {
        problems.at(arch.keyNode(), architectures.unknown(arch.key()));
        continue;
      }
      Map<String, Located> values = new LinkedHashMap<>();
      all.put(arch.key(), values);
      for (Entry p : sections.entries(arch, "{depth: 34}")) {
        var declared = architectures.parameter(arch.key(), p.key());
        if (declared.isEmpty()) {
          problems.at(p.keyNode(), architectures.unknownParameter(arch.key(), p.key()));
          continue;
        }
        sections.read(Architectures.hyperParameterReader(declared.get()), p.value(), arch.key() + "." + p.key())
            .ifPresent(v -> values.put(p.key(), v));
      }
    }
    return all;
  }

  // ---------------------------------------------------------------- checks on the expanded matrix

  private void checkHyperParameterKeysApply(MatrixSpec matrix, List<Cell> cells) {
    Set<String> trained = new HashSet<>();
    cells.forEach(c -> trained.add(c.architecture()));
    for (Dimension d : matrix.dimensions()) {
      if (d.key().isHyperParameter() && !trained.contains(d.key().architecture())) {
        problems.at(d.keyNode(), "'" + d.key().name() + "' has no effect: no cell of the matrix trains "
            + "architecture '" + d.key().architecture() + "'");
      }
    }
  }

  // ---------------------------------------------------------------- report

  /** {@code threads: 2} (both counts) or {@code threads: {intra-op: 2, inter-op: 1}}. */
  private Threads readThreads(Entry entry) {
    if (entry == null) {
      return Threads.DEFAULT;
    }
    ValueReader count = THREAD_COUNT;
    if (entry.value() instanceof ScalarNode) {
      return sections.read(count, entry.value(), "threads")
          .map(v -> Threads.both(((Number) v.value()).intValue())).orElse(Threads.DEFAULT);
    }
    int intra = 0;
    int inter = 0;
    for (Entry e : sections.entries(entry, "{intra-op: 2, inter-op: 2}")) {
      if (!THREAD_KEYS.contains(e.key())) {
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in threads"
            + Suggestions.didYouMeanOrList(e.key(), THREAD_KEYS, "valid keys"));
        continue;
      }
      int n = sections.read(count, e.value(), "threads." + e.key()).map(v -> ((Number) v.value()).intValue())
          .orElse(0);
      if (e.key().equals("intra-op")) {
        intra = n;
      } else {
        inter = n;
      }
    }
    return new Threads(intra, inter);
  }

  /** {@code device: auto | cpu | gpu | gpu:N}. */
  private DeviceSetting readDevice(Entry entry) {
    if (entry == null) {
      return DeviceSetting.AUTO;
    }
    return sections.read(DEVICE_READER, entry.value(), "device").map(v -> (DeviceSetting) v.value())
        .orElse(DeviceSetting.AUTO);
  }

  private Optional<Located> readReport(Entry section) {
    Optional<Located> baseline = Optional.empty();
    for (Entry e : sections.entries(section, "{baseline: resnet18}")) {
      if (!REPORT_KEYS.contains(e.key())) {
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in report"
            + Suggestions.didYouMeanOrList(e.key(), REPORT_KEYS, "valid keys"));
        continue;
      }
      baseline = sections.read(BASELINE_READER, e.value(), "report.baseline");
    }
    return baseline;
  }

  /** The label of the baseline cell: given as a label, or as an architecture that has exactly one cell. */
  private String resolveBaseline(Located baseline, List<Cell> cells) {
    String wanted = (String) baseline.value();
    List<String> labels = cells.stream().map(c -> RunNaming.label(c.plain())).toList();
    if (labels.contains(wanted)) {
      return wanted;
    }
    List<String> ofArchitecture = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      if (wanted.equals(cells.get(i).architecture())) {
        ofArchitecture.add(labels.get(i));
      }
    }
    if (ofArchitecture.size() == 1) {
      return ofArchitecture.get(0);
    }
    if (ofArchitecture.size() > 1) {
      problems.at(baseline.node(), "report.baseline '" + wanted + "' matches " + ofArchitecture.size()
          + " cells; name one by its label: " + quoted(ofArchitecture));
    } else if (!cells.isEmpty()) {
      problems.at(baseline.node(), "report.baseline '" + wanted + "' is not a cell of the matrix"
          + Suggestions.didYouMean(wanted, labels) + " (cells: " + quoted(labels) + ")");
    }
    return null;
  }

  private static String quoted(List<String> labels) {
    List<String> shown = labels.stream().limit(10).map(l -> "'" + l + "'").toList();
    return String.join(", ", shown) + (labels.size() > shown.size() ? ", ..." : "");
  }

  private void checkNamesAreUnique(List<Cell> cells, MatrixSpec matrix) {
    Map<String, Cell> byId = new HashMap<>();
    Map<String, Cell> byLabel = new HashMap<>();
    for (Cell cell : cells) {
      Cell other = byId.putIfAbsent(RunNaming.runId(cell.plain(), 0).toLowerCase(Locale.ROOT), cell);
      if (other == null) {
        other = byLabel.putIfAbsent(RunNaming.label(cell.plain()), cell);
      }
      if (other != null) {
        problems.at(matrix.node(), "cells " + other + " and " + cell + " would get the same name; "
            + "use simpler values");
      }
    }
  }

  // ---------------------------------------------------------------- runs

  private List<RunSpec> runs(List<Cell> cells, List<RunSeeds> seeds, Map<String, Located> defaults,
      Map<String, Map<String, Located>> fixedParameters, DatasetOptions dataset) {
    List<ResolvedCell> resolved = new ArrayList<>();
    for (Cell cell : cells) {
      String architecture = cell.architecture();
      ArchitecturePlugin plugin = architectures.get(architecture);
      Map<String, Object> supplied = new LinkedHashMap<>();
      fixedParameters.getOrDefault(architecture, Map.of()).forEach((k, v) -> supplied.put(k, v.value()));
      Map<String, Object> training = new HashMap<>();
      defaults.forEach((k, v) -> training.put(k, v.value()));
      cell.values().forEach((k, v) -> {
        if (TrainingSettings.keys().contains(k)) {
          training.put(k, v.value());
        } else if (k.startsWith(architecture + ".")) {
          supplied.put(k.substring(architecture.length() + 1), v.value());
        }
      });
      Map<String, Object> plain = cell.plain();
      resolved.add(new ResolvedCell(architecture,
          HyperParameters.resolve(plugin.hyperParameters(), supplied).asMap(), TrainingSettings.build(training),
          plain, RunNaming.label(plain)));
    }
    // Seed-major: every cell gets its first seed before any gets a second, so an interrupted experiment already
    // compares all cells, and slow drifts of the machine spread evenly over the cells.
    List<RunSpec> runs = new ArrayList<>();
    for (RunSeeds seed : seeds) {
      for (ResolvedCell c : resolved) {
        runs.add(new RunSpec(RunNaming.runId(c.cell(), seed), c.architecture(), c.hyperParameters(),
            c.training(), dataset, seed, c.cell(), c.label()));
      }
    }
    return runs;
  }

  private record ResolvedCell(String architecture, Map<String, Object> hyperParameters, TrainingConfig training,
      Map<String, Object> cell, String label) {
  }
}
