package dev.convbench.experiment;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.MatrixSpec.Dimension;
import dev.convbench.experiment.MatrixSpec.Selector;
import dev.convbench.experiment.MatrixSpec.Setting;
import dev.convbench.experiment.YamlTree.Entry;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import dev.convbench.training.ScheduleConfig;
import dev.convbench.training.TrainingConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
  static final int CIFAR10_TRAIN_IMAGES = 50_000;
  static final int CIFAR10_TEST_IMAGES = 10_000;

  static final List<String> TOP_LEVEL_KEYS =
      List.of("name", "description", "dataset", "defaults", "architectures", "architecture", "matrix", "seeds",
          "report");
  static final List<String> DATASET_KEYS =
      List.of("data-dir", "train-subset", "test-subset", "validation", "holdout-size", "allow-partial",
          "subset-seed");
  private static final List<String> REPORT_KEYS = List.of("baseline");
  private static final List<String> MATRIX_SELECTORS = List.of("include", "exclude");

  private final Path source;
  private final String text;
  private final Architectures architectures;
  private final MatrixKeys matrixKeys;
  private final Problems problems;

  ExperimentReader(Path source, String text, Architectures architectures) {
    this.source = source;
    this.text = text;
    this.architectures = architectures;
    this.matrixKeys = new MatrixKeys(architectures);
    this.problems = new Problems(source);
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
    DatasetSection dataset = readDataset(top.get("dataset"));
    boolean datasetValid = problems.count() == mark;
    mark = problems.count();
    Map<String, Located> defaults = readDefaults(top.get("defaults"));
    boolean defaultsValid = problems.count() == mark;
    mark = problems.count();
    Map<String, Map<String, Located>> fixedParameters = readArchitectures(top.get("architectures"));
    MatrixSpec matrix = readMatrix(top.get("matrix"), top.get("architecture"), root);
    boolean matrixValid = problems.count() == mark;
    List<Long> seeds = readSeeds(top.get("seeds"));
    Optional<Located> baseline = readReport(top.get("report"));

    if (!matrixValid) {
      problems.throwIfAny();
    }
    List<Cell> cells = new MatrixExpander(problems).expand(matrix);
    checkHyperParameterKeysApply(matrix, cells);
    if ((long) cells.size() * seeds.size() > MAX_RUNS) {
      problems.at(matrix.node(), cells.size() + " cells × " + seeds.size() + " seeds is more than " + MAX_RUNS
          + " runs; split the experiment");
    }
    if (datasetValid && defaultsValid) {
      cells.forEach(cell -> checkCell(cell, defaults, dataset));
    }
    String baselineLabel = baseline.map(b -> resolveBaseline(b, cells)).orElse(null);
    checkNamesAreUnique(cells, matrix);
    problems.throwIfAny();

    List<RunSpec> runs = runs(cells, seeds, defaults, fixedParameters, dataset.options());
    return new Experiment(name, description, source, text, dataset.options(), List.copyOf(runs), baselineLabel);
  }

  // ---------------------------------------------------------------- top level

  private String unknownTopLevelKey(String key) {
    if (TrainingSettings.keys().contains(key) || TrainingSettings.SECTIONS.contains(key)) {
      return "unknown key '" + key + "' at top level; training settings go under 'defaults:'";
    }
    if (DATASET_KEYS.contains(key)) {
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
    String expectation = "a name matching " + NAME.pattern() + " (it names the results directory)";
    try {
      String name = ValueReaders.text(entry.value(), expectation);
      if (!NAME.matcher(name).matches()) {
        throw InvalidValue.because("must be " + expectation + ", got " + YamlTree.describe(entry.value()));
      }
      if (name.length() > MAX_NAME_LENGTH) {
        throw InvalidValue.because("must be at most " + MAX_NAME_LENGTH + " characters long");
      }
      return name;
    } catch (InvalidValue e) {
      problems.at(entry.value(), e.messageFor("name"));
      return null;
    }
  }

  private String readDescription(Entry entry) {
    if (entry == null || YamlTree.isNull(entry.value())) {
      return "";
    }
    try {
      return ValueReaders.text(entry.value(), "text").strip();
    } catch (InvalidValue e) {
      problems.at(entry.value(), e.messageFor("description"));
      return "";
    }
  }

  /**
   * The entries of a section that must be a mapping; an empty section ({@code defaults:}) has none.
   */
  private List<Entry> sectionEntries(Entry section, String example) {
    if (section == null || YamlTree.isNull(section.value())) {
      return List.of();
    }
    if (!(section.value() instanceof MappingNode mapping)) {
      problems.at(section.value(), section.key() + " must be a mapping such as " + example + ", got "
          + YamlTree.describe(section.value()));
      return List.of();
    }
    return YamlTree.entries(mapping, problems);
  }

  /** Reads a value, or records why it is invalid. */
  private Optional<Located> read(ValueReader reader, Node node, String key) {
    try {
      return Optional.of(new Located(reader.read(node), node));
    } catch (InvalidValue e) {
      problems.at(node, e.messageFor(key));
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- dataset

  /** Data options, with where each was written (for per-cell checks). */
  private record DatasetSection(DatasetOptions options, Map<String, Located> written) {
  }

  private DatasetSection readDataset(Entry section) {
    Map<String, ValueReader> readers = Map.of(
        "data-dir", ValueReaders.string("a directory path"),
        "train-subset", ValueReaders.integer(10, CIFAR10_TRAIN_IMAGES, "an integer from 10 to " + CIFAR10_TRAIN_IMAGES),
        "test-subset", ValueReaders.integer(10, CIFAR10_TEST_IMAGES, "an integer from 10 to " + CIFAR10_TEST_IMAGES),
        "validation", ValueReaders.choice(List.of(DatasetOptions.VALIDATE_ON_TEST,
            DatasetOptions.VALIDATE_ON_HOLDOUT)),
        "holdout-size", ValueReaders.integer(10, CIFAR10_TRAIN_IMAGES - 10,
            "an integer from 10 to " + (CIFAR10_TRAIN_IMAGES - 10)),
        "allow-partial", ValueReaders.bool(),
        "subset-seed", ValueReaders.integer(Long.MIN_VALUE, Long.MAX_VALUE, "an integer"));
    Map<String, Located> written = new LinkedHashMap<>();
    for (Entry e : sectionEntries(section, "{train-subset: 5000, validation: holdout}")) {
      ValueReader reader = readers.get(e.key());
      if (reader == null) {
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in dataset"
            + Suggestions.didYouMeanOrList(e.key(), DATASET_KEYS, "valid keys"));
        continue;
      }
      read(reader, e.value(), e.key()).ifPresent(v -> written.put(e.key(), v));
    }
    DatasetOptions d = DatasetOptions.defaults();
    Path dataDir = written.containsKey("data-dir") ? dataDir(written.get("data-dir")) : d.dataDir();
    Integer trainSubset = (Integer) valueOr(written, "train-subset", d.trainSubset());
    Integer testSubset = (Integer) valueOr(written, "test-subset", d.testSubset());
    String validation = (String) valueOr(written, "validation", d.validation());
    int holdoutSize = (Integer) valueOr(written, "holdout-size", d.holdoutSize());
    boolean allowPartial = (Boolean) valueOr(written, "allow-partial", d.allowPartial());
    long subsetSeed = ((Number) valueOr(written, "subset-seed", d.subsetSeed())).longValue();
    if (DatasetOptions.VALIDATE_ON_HOLDOUT.equals(validation)) {
      if (trainSubset != null && trainSubset + holdoutSize > CIFAR10_TRAIN_IMAGES) {
        problems.at(written.get("train-subset").node(), "train-subset (" + trainSubset + ") plus holdout-size ("
            + holdoutSize + ") is more than the " + CIFAR10_TRAIN_IMAGES + " training images");
      }
      if (testSubset != null && testSubset > holdoutSize) {
        problems.at(written.get("test-subset").node(), "test-subset (" + testSubset + ") is larger than "
            + "holdout-size (" + holdoutSize + "), the images that validation: holdout evaluates on");
      }
    }
    return new DatasetSection(new DatasetOptions(dataDir, trainSubset, testSubset, validation, holdoutSize,
        allowPartial, subsetSeed), written);
  }

  private static Object valueOr(Map<String, Located> written, String key, Object fallback) {
    Located located = written.get(key);
    return located == null ? fallback : located.value();
  }

  /** Relative directories are relative to the experiment file, so the file means the same from any directory. */
  private Path dataDir(Located written) {
    String text = (String) written.value();
    try {
      Path path = text.equals("~") || text.startsWith("~/")
          ? Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""))
          : Path.of(text);
      if (!path.isAbsolute()) {
        Path base = source.toAbsolutePath().getParent();
        path = base == null ? path.toAbsolutePath() : base.resolve(path);
      }
      return path.normalize();
    } catch (InvalidPathException e) {
      problems.at(written.node(), "data-dir is not a valid path: " + e.getReason());
      return null;
    }
  }

  // ---------------------------------------------------------------- defaults

  private Map<String, Located> readDefaults(Entry section) {
    Map<String, Located> settings = new LinkedHashMap<>();
    for (Entry e : sectionEntries(section, "{epochs: 10, optimizer: {lr: 0.1}}")) {
      if (TrainingSettings.SECTIONS.contains(e.key())) {
        readSettingsGroup(e, settings);
      } else if (TrainingSettings.reader(e.key()).isPresent()) {
        readSetting(e.key(), e, settings);
      } else {
        List<String> candidates = new ArrayList<>(TrainingSettings.SECTIONS);
        candidates.addAll(TrainingSettings.keys());
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in defaults"
            + Suggestions.didYouMean(e.key(), candidates));
      }
    }
    return settings;
  }

  /** {@code optimizer: {lr: 0.1}} or the shorthand {@code optimizer: adam}. */
  private void readSettingsGroup(Entry group, Map<String, Located> settings) {
    String section = group.key();
    Node node = group.value();
    if (YamlTree.isNull(node)) {
      return;
    }
    if (node instanceof MappingNode mapping) {
      for (Entry e : YamlTree.entries(mapping, problems)) {
        if (TrainingSettings.reader(section + "." + e.key()).isPresent()) {
          readSetting(section + "." + e.key(), e, settings);
        } else {
          problems.at(e.keyNode(), "unknown key '" + e.key() + "' in defaults." + section
              + Suggestions.didYouMeanOrList(e.key(), TrainingSettings.leavesOf(section), "valid keys"));
        }
      }
    } else if (node instanceof ScalarNode) {
      try {
        TrainingSettings.shorthand(section, node).forEach((k, v) -> put(settings, k, new Located(v, node), node));
      } catch (InvalidValue e) {
        problems.at(node, e.messageFor(section));
      }
    } else {
      problems.at(node, section + " must be a mapping such as {type: ..., ...} or a single "
          + (section.equals("augmentation") ? "preset (standard, none)" : "type") + ", got a list");
    }
  }

  private void readSetting(String key, Entry e, Map<String, Located> settings) {
    read(TrainingSettings.reader(key).orElseThrow(), e.value(), key)
        .ifPresent(v -> put(settings, key, v, e.keyNode()));
  }

  private void put(Map<String, Located> settings, String key, Located value, Node keyNode) {
    if (settings.putIfAbsent(key, value) != null) {
      problems.at(keyNode, "'" + key + "' is set twice in defaults");
    }
  }

  // ---------------------------------------------------------------- architectures

  private Map<String, Map<String, Located>> readArchitectures(Entry section) {
    Map<String, Map<String, Located>> all = new HashMap<>();
    for (Entry arch : sectionEntries(section, "{resnet: {depth: 34}}")) {
      if (architectures.find(arch.key()).isEmpty()) {
        problems.at(arch.keyNode(), architectures.unknown(arch.key()));
        continue;
      }
      Map<String, Located> values = new LinkedHashMap<>();
      all.put(arch.key(), values);
      for (Entry p : sectionEntries(arch, "{depth: 34}")) {
        var declared = architectures.parameter(arch.key(), p.key());
        if (declared.isEmpty()) {
          problems.at(p.keyNode(), architectures.unknownParameter(arch.key(), p.key()));
          continue;
        }
        read(Architectures.hyperParameterReader(declared.get()), p.value(), arch.key() + "." + p.key())
            .ifPresent(v -> values.put(p.key(), v));
      }
    }
    return all;
  }

  // ---------------------------------------------------------------- matrix

  private MatrixSpec readMatrix(Entry section, Entry topLevelArchitecture, Node root) {
    List<Dimension> dimensions = new ArrayList<>();
    List<Selector> includes = new ArrayList<>();
    List<Selector> excludes = new ArrayList<>();
    List<Entry> entries = sectionEntries(section, "{architecture: [resnet18], optimizer.lr: [0.01, 0.1]}");
    if (topLevelArchitecture != null) {
      if (entries.stream().anyMatch(e -> e.key().equals(MatrixKey.ARCHITECTURE))) {
        problems.at(topLevelArchitecture.keyNode(),
            "architecture is given both at the top level and in matrix; keep one");
      } else {
        MatrixKey key = matrixKeys.resolve(MatrixKey.ARCHITECTURE, topLevelArchitecture.keyNode(), problems, "")
            .orElseThrow();
        readDimension(key, topLevelArchitecture, "architecture").ifPresent(dimensions::add);
      }
    }
    for (Entry e : entries) {
      switch (e.key()) {
        case "include" -> includes.addAll(readSelectors(e));
        case "exclude" -> excludes.addAll(readSelectors(e));
        default -> matrixKeys.resolve(e.key(), e.keyNode(), problems, "matrix")
            .flatMap(key -> readDimension(key, e, "matrix." + e.key()))
            .ifPresent(dimensions::add);
      }
    }
    Node node = section != null ? section.keyNode() : root;
    checkExcludeKeys(excludes, dimensions);
    boolean hasArchitecture = dimensions.stream().anyMatch(d -> d.key().isArchitecture())
        || includes.stream().anyMatch(i -> i.settings().stream().anyMatch(s -> s.key().isArchitecture()));
    boolean architectureProblem = topLevelArchitecture != null
        || entries.stream().anyMatch(e -> e.key().equals(MatrixKey.ARCHITECTURE));
    if (!hasArchitecture && !architectureProblem) {
      problems.at(node, "no architecture to train: list them in 'matrix: {architecture: [...]}' "
          + "or in a top-level 'architecture:'");
    }
    return new MatrixSpec(node, dimensions, excludes, includes);
  }

  private Optional<Dimension> readDimension(MatrixKey key, Entry e, String where) {
    Node node = e.value();
    List<Node> valueNodes;
    if (node instanceof SequenceNode sequence) {
      valueNodes = sequence.getValue();
    } else if (node instanceof ScalarNode && !YamlTree.isNull(node)) {
      valueNodes = List.of(node); // a single value needs no brackets
    } else if (YamlTree.isNull(node)) {
      valueNodes = List.of();
    } else {
      problems.at(node, where + " must be a list of values, got a mapping");
      return Optional.empty();
    }
    if (valueNodes.isEmpty()) {
      problems.at(node, where + " must list at least one value");
      return Optional.empty();
    }
    List<Located> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    int mark = problems.count();
    for (Node valueNode : valueNodes) {
      try {
        Object value = key.reader().read(valueNode);
        if (!seen.add(value)) {
          problems.at(valueNode, "duplicate value " + Scalars.format(value) + " in " + where);
        } else {
          values.add(new Located(value, valueNode));
        }
      } catch (InvalidValue invalid) {
        String hint = key.listValued() && valueNode instanceof ScalarNode
            ? " (each matrix value of '" + key.name() + "' is itself a list: write [[16, 32], [32, 64]])"
            : "";
        problems.at(valueNode, invalid.messageFor(key.name()) + hint);
      }
    }
    return problems.count() == mark ? Optional.of(new Dimension(key, e.keyNode(), values)) : Optional.empty();
  }

  private List<Selector> readSelectors(Entry section) {
    String where = "matrix." + section.key();
    Node node = section.value();
    if (YamlTree.isNull(node)) {
      return List.of();
    }
    List<Node> entryNodes = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    List<Selector> selectors = new ArrayList<>();
    for (Node entryNode : entryNodes) {
      if (!(entryNode instanceof MappingNode mapping)) {
        problems.at(entryNode, "each " + section.key() + " entry must be a mapping such as "
            + "{architecture: resnet18, optimizer.lr: 0.2}, got " + YamlTree.describe(entryNode));
        continue;
      }
      List<Setting> settings = new ArrayList<>();
      for (Entry e : YamlTree.entries(mapping, problems)) {
        matrixKeys.resolve(e.key(), e.keyNode(), problems, where).ifPresent(key ->
            read(key.reader(), e.value(), key.name())
                .ifPresent(v -> settings.add(new Setting(key, e.keyNode(), v))));
      }
      if (mapping.getValue().isEmpty()) {
        problems.at(entryNode, "empty " + section.key() + " entry");
      }
      selectors.add(new Selector(entryNode, settings));
    }
    return selectors;
  }

  private void checkExcludeKeys(List<Selector> excludes, List<Dimension> dimensions) {
    List<String> dimensionKeys = dimensions.stream().map(d -> d.key().name()).toList();
    for (Selector exclude : excludes) {
      for (Setting s : exclude.settings()) {
        if (!dimensionKeys.contains(s.key().name())) {
          problems.at(s.keyNode(), "exclude key '" + s.key().name() + "' is not a matrix key; exclude removes "
              + "cells by their matrix values (" + String.join(", ", dimensionKeys) + ")");
        }
      }
    }
  }

  private void checkHyperParameterKeysApply(MatrixSpec matrix, List<Cell> cells) {
    Set<String> trained = new HashSet<>();
    cells.forEach(c -> trained.add(c.architecture()));
    for (Dimension d : matrix.dimensions()) {
      if (d.key().isHyperParameter() && !trained.contains(d.key().architecture())) {
        problems.at(d.keyNode(), "'" + d.key().name() + "' has no effect: no cell of the matrix trains architecture '"
            + d.key().architecture() + "'");
      }
    }
  }

  // ---------------------------------------------------------------- seeds and report

  private List<Long> readSeeds(Entry entry) {
    if (entry == null) {
      return List.of(1L);
    }
    Node node = entry.value();
    if (node instanceof ScalarNode && !YamlTree.isNull(node)) {
      // A single integer n is a count: seeds 1..n.
      return read(ValueReaders.integer(1, MAX_SEED_COUNT,
          "a list of integers such as [1, 2, 3], or a count from 1 to " + MAX_SEED_COUNT), node, "seeds")
          .map(n -> {
            List<Long> seeds = new ArrayList<>();
            for (long s = 1; s <= ((Number) n.value()).longValue(); s++) {
              seeds.add(s);
            }
            return seeds;
          })
          .orElse(List.of(1L));
    }
    if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
      problems.at(node, "seeds must be a non-empty list of integers such as [1, 2, 3], or a count, got "
          + (node instanceof SequenceNode ? "an empty list" : YamlTree.describe(node)));
      return List.of(1L);
    }
    Set<Long> seeds = new LinkedHashSet<>();
    ValueReader seed = ValueReaders.integer(0, Long.MAX_VALUE, "a non-negative integer");
    for (Node element : sequence.getValue()) {
      read(seed, element, "each seed").ifPresent(v -> {
        if (!seeds.add(((Number) v.value()).longValue())) {
          problems.at(element, "duplicate seed " + v.value());
        }
      });
    }
    return seeds.isEmpty() ? List.of(1L) : List.copyOf(seeds);
  }

  private Optional<Located> readReport(Entry section) {
    Optional<Located> baseline = Optional.empty();
    for (Entry e : sectionEntries(section, "{baseline: resnet18}")) {
      if (!REPORT_KEYS.contains(e.key())) {
        problems.at(e.keyNode(), "unknown key '" + e.key() + "' in report"
            + Suggestions.didYouMeanOrList(e.key(), REPORT_KEYS, "valid keys"));
        continue;
      }
      baseline = read(ValueReaders.string("a cell label or an architecture name"), e.value(), "report.baseline");
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
          + Suggestions.didYouMean(wanted, labels) + "; cells: " + quoted(labels));
    }
    return null;
  }

  private static String quoted(List<String> labels) {
    List<String> shown = labels.stream().limit(10).map(l -> "'" + l + "'").toList();
    return String.join(", ", shown) + (labels.size() > shown.size() ? ", ..." : "");
  }

  // ---------------------------------------------------------------- per-cell checks

  /** Checks that involve several settings, on the values one cell actually trains with. */
  private void checkCell(Cell cell, Map<String, Located> defaults, DatasetSection dataset) {
    Map<String, Located> fromCell = trainingSettingsOf(cell);
    Map<String, Located> effective = new LinkedHashMap<>(defaults);
    effective.putAll(fromCell);
    Map<String, Object> values = new HashMap<>();
    effective.forEach((k, v) -> values.put(k, v.value()));
    TrainingConfig config = TrainingSettings.build(values);

    double warmup = config.schedule().warmupEpochs();
    if (warmup > 0 && warmup >= config.epochs()) {
      blame(fromCell, defaults, List.of("schedule.warmup-epochs", "epochs"), "schedule.warmup-epochs ("
          + Scalars.formatNumber(warmup) + ") must be less than epochs (" + config.epochs() + ")");
    }
    String schedule = config.schedule().type();
    double minLr = config.schedule().minLearningRate();
    if ((schedule.equals(ScheduleConfig.COSINE) || schedule.equals(ScheduleConfig.ONE_CYCLE))
        && minLr >= config.optimizer().learningRate()) {
      blame(fromCell, defaults, List.of("schedule.min-lr", "optimizer.lr", "schedule.type"), "schedule.min-lr ("
          + Scalars.formatNumber(minLr) + ") must be less than optimizer.lr ("
          + Scalars.formatNumber(config.optimizer().learningRate()) + ")");
    }
    DatasetOptions data = dataset.options();
    if (data.trainSubset() != null && config.batchSize() > data.trainSubset()) {
      String message = "batch-size (" + config.batchSize() + ") is larger than dataset.train-subset ("
          + data.trainSubset() + "): every batch would be incomplete, and incomplete batches are dropped";
      if (fromCell.containsKey("batch-size") || defaults.containsKey("batch-size")) {
        blame(fromCell, defaults, List.of("batch-size"), message);
      } else {
        problems.at(dataset.written().get("train-subset").node(), message);
      }
    }
  }

  private static Map<String, Located> trainingSettingsOf(Cell cell) {
    Map<String, Located> settings = new LinkedHashMap<>();
    cell.values().forEach((k, v) -> {
      if (TrainingSettings.keys().contains(k)) {
        settings.put(k, v);
      }
    });
    return settings;
  }

  /** Reports at the most specific place: a value the cell sets, else one from defaults, in the given order. */
  private void blame(Map<String, Located> fromCell, Map<String, Located> defaults, List<String> keys,
      String message) {
    for (Map<String, Located> source : List.of(fromCell, defaults)) {
      for (String key : keys) {
        if (source.containsKey(key)) {
          problems.at(source.get(key).node(), message);
          return;
        }
      }
    }
    throw new IllegalStateException("built-in defaults are inconsistent: " + message);
  }

  private void checkNamesAreUnique(List<Cell> cells, MatrixSpec matrix) {
    Map<String, Cell> byId = new HashMap<>();
    Map<String, Cell> byLabel = new HashMap<>();
    for (Cell cell : cells) {
      Cell other = byId.putIfAbsent(RunNaming.runId(cell.plain(), 0).toLowerCase(), cell);
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

  private List<RunSpec> runs(List<Cell> cells, List<Long> seeds, Map<String, Located> defaults,
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
        if (k.startsWith(architecture + ".")) {
          supplied.put(k.substring(architecture.length() + 1), v.value());
        } else if (TrainingSettings.keys().contains(k)) {
          training.put(k, v.value());
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
    for (long seed : seeds) {
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

  @Override
  public String toString() {
    return "ExperimentReader[" + Objects.toString(source) + "]";
  }
}
