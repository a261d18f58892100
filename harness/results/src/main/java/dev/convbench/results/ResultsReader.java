package dev.convbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Loads results directories into memory for reporting.
 *
 * <p>Tolerant by design: results come from runs that may have been killed at any moment, and a report of what did
 * finish is worth more than an exception. A run without a readable {@code run.json} is skipped (folders that are not
 * runs at all, such as a report written into the results directory, are ignored); a CSV line that is
 * incomplete (the last line without its line break, as a killed run leaves it) or malformed is skipped. Each skip is
 * a warning, sent to the warning sink and kept in {@link Results#warnings()}. Only a directory that does not exist
 * is an error, because that is a mistyped argument rather than damaged results.
 */
public final class ResultsReader {

  private final Consumer<String> warningSink;
  private final ResultsJson json = new ResultsJson();

  /**
   * A reader that passes each warning to {@code warningSink} (a logger, say) as well as collecting it in
   * {@link Results#warnings()}.
   */
  public ResultsReader(Consumer<String> warningSink) {
    this.warningSink = Objects.requireNonNull(warningSink);
  }

  /** Reads one results directory. @throws IOException if it does not exist or cannot be listed */
  public Results read(Path directory) throws IOException {
    return read(List.of(directory));
  }

  /**
   * Reads several results directories, e.g. the same experiment run on two machines. A directory given twice is
   * read once.
   *
   * @throws IOException if one does not exist or cannot be listed
   */
  public Results read(List<Path> directories) throws IOException {
    List<String> warnings = new ArrayList<>();
    Consumer<String> warn = message -> {
      warnings.add(message);
      warningSink.accept(message);
    };
    List<ExperimentResults> experiments = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path dir : directories) {
      if (!Files.exists(dir)) {
        throw new NoSuchFileException(dir.toString(), null, "results directory does not exist");
      }
      if (!Files.isDirectory(dir)) {
        throw new NotDirectoryException(dir.toString());
      }
      if (!seen.add(dir.toRealPath())) {
        warn.accept(dir + ": given more than once, read once");
        continue;
      }
      experiments.add(readExperiment(dir, warn));
    }
    experiments = withoutRepeatedRuns(experiments, warn);
    missingRuns(experiments).ifPresent(warn);
    return new Results(experiments, warnings);
  }

  /**
   * Reports once a run found in several directories with the same identity (settings and data), e.g. a shard
   * trained again into another directory: merged twice it would count as two seeds of its cell. Kept: a completed
   * or diverged copy before a failed one before an unfinished one, else the one in the first directory given. Runs
   * with the same id but another identity (directories merged with {@code --allow-mixed}) all stay.
   */
  @SuppressWarnings("ReferenceEquality") // copies of one run are equal records told apart by identity, on purpose
  private static List<ExperimentResults> withoutRepeatedRuns(List<ExperimentResults> experiments,
      Consumer<String> warn) {
    Map<String, List<RunResult>> copies = new LinkedHashMap<>();
    for (ExperimentResults e : experiments) {
      for (RunResult r : e.runs()) {
        RunIdentity id = r.record().identity();
        if (id != null) {
          copies.computeIfAbsent(r.runId() + " " + id.spec() + " " + id.data(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    Set<RunResult> dropped = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (List<RunResult> same : copies.values()) {
      if (same.size() > 1) {
        RunResult kept = same.stream().max(Comparator.comparingInt(ResultsReader::finishedRank)).orElseThrow();
        same.stream().filter(r -> r != kept).forEach(dropped::add);
        warn.accept("run " + kept.runId() + " is in " + same.size() + " directories with the same settings and data ("
            + same.stream().map(r -> String.valueOf(r.directory().getParent())).collect(
                java.util.stream.Collectors.joining(", ")) + "); reported once, from " + kept.directory().getParent());
      }
    }
    if (dropped.isEmpty()) {
      return experiments;
    }
    return experiments.stream().map(e -> new ExperimentResults(e.directory(), e.manifest(), e.experimentText(),
        e.runs().stream().filter(r -> !dropped.contains(r)).toList())).toList();
  }

  private static int finishedRank(RunResult run) {
    RunStatus status = run.record().status();
    return status.isFinal() ? 2 : status == RunStatus.FAILED ? 1 : 0;
  }

  /**
   * The manifest of results directory {@code dir}, empty when it has none.
   *
   * @throws IOException when it exists but cannot be read
   */
  public static Optional<ExperimentManifest> readManifest(Path dir) throws IOException {
    Path file = dir.resolve(ResultsLayout.EXPERIMENT_FILE);
    return Files.isRegularFile(file) ? Optional.of(new ResultsJson().read(file, ExperimentManifest.class))
        : Optional.empty();
  }

  /**
   * "3 of 12 runs missing: …" when runs the manifests define have no finished result (completed, diverged or
   * failed) in any of the directories: not run yet, still running, interrupted, or in a shard directory not given.
   */
  static Optional<String> missingRuns(List<ExperimentResults> experiments) {
    Set<String> defined = new java.util.LinkedHashSet<>();
    experiments.forEach(e -> e.manifestIfPresent().ifPresent(m -> defined.addAll(m.runIds())));
    Set<String> finished = new HashSet<>();
    experiments.forEach(e -> e.runs().stream()
        .filter(r -> r.record().status().isFinal() || r.record().status() == RunStatus.FAILED)
        .forEach(r -> finished.add(r.record().runId())));
    List<String> missing = defined.stream().filter(id -> !finished.contains(id)).toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    int shown = Math.min(10, missing.size());
    return Optional.of(missing.size() + " of " + defined.size() + " runs missing: "
        + String.join(", ", missing.subList(0, shown)) + (shown < missing.size() ? ", …" : ""));
  }

  private ExperimentResults readExperiment(Path dir, Consumer<String> warn) throws IOException {
    ExperimentManifest manifest = null;
    Path manifestFile = dir.resolve(ResultsLayout.EXPERIMENT_FILE);
    if (Files.isRegularFile(manifestFile)) {
      try {
        manifest = json.read(manifestFile, ExperimentManifest.class);
      } catch (IOException e) {
        warn.accept(manifestFile + ": unreadable, ignored: " + e.getMessage());
      }
    }
    Path textFile = dir.resolve(ResultsLayout.EXPERIMENT_TEXT_FILE);
    String text = Files.isRegularFile(textFile) ? Files.readString(textFile, StandardCharsets.UTF_8) : null;

    Set<String> listed = manifest == null ? Set.of() : Set.copyOf(manifest.runIds());
    List<RunResult> runs = new ArrayList<>();
    for (Path runDir : runDirectories(dir, manifest)) {
      Path runFile = runDir.resolve(ResultsLayout.RUN_FILE);
      if (!Files.isRegularFile(runFile)) {
        // Other folders (a report written into the results directory, say) are not runs: no warning for them.
        if (listed.contains(runDir.getFileName().toString())
            || Files.exists(runDir.resolve(MetricsCsv.EPOCH_FILE))) {
          warn.accept(runDir + ": no " + ResultsLayout.RUN_FILE + ", skipped");
        }
        continue;
      }
      RunRecord record;
      try {
        record = json.read(runFile, RunRecord.class);
      } catch (IOException | RuntimeException e) {
        warn.accept(runFile + ": unreadable, run skipped: " + e.getMessage());
        continue;
      }
      List<EpochRecord> epochs = readCsv(runDir.resolve(MetricsCsv.EPOCH_FILE), MetricsCsv.EPOCH_REQUIRED,
          MetricsCsv::parseEpoch, true, warn);
      List<StepLossRecord> steps = readCsv(runDir.resolve(MetricsCsv.STEP_FILE), MetricsCsv.STEP_COLUMNS,
          MetricsCsv::parseStep, true, warn);
      // Files added by format 2: silently empty when missing (older runs never had them).
      List<LayerStatsRecord> layers = groupLayerRows(readCsv(runDir.resolve(MetricsCsv.LAYER_FILE),
          MetricsCsv.LAYER_COLUMNS, MetricsCsv::parseLayer, false, warn));
      ConfusionMatrix confusion = readConfusion(runDir.resolve(MetricsCsv.CONFUSION_FILE), warn);
      List<LayerRecord> structure = readStructure(runDir.resolve(ResultsLayout.STRUCTURE_FILE), warn);
      runs.add(new RunResult(runDir, record, epochs, steps, layers, confusion, structure, diskBytes(runDir)));
    }
    if (runs.isEmpty()) {
      warn.accept(dir + ": holds no runs");
    }
    return new ExperimentResults(dir, manifest, text, runs);
  }

  /** Bytes of the regular files below {@code dir}; -1 when they cannot be listed (a run being moved, say). */
  private static long diskBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  /** Run directories: those the manifest lists, in its order, then the others by name; hidden ones never. */
  private static List<Path> runDirectories(Path dir, ExperimentManifest manifest) throws IOException {
    List<Path> found;
    try (Stream<Path> entries = Files.list(dir)) {
      found = entries.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith(AtomicFiles.HIDDEN_PREFIX))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
    Map<String, Path> byName = new LinkedHashMap<>();
    found.forEach(p -> byName.put(p.getFileName().toString(), p));
    List<Path> ordered = new ArrayList<>();
    if (manifest != null) {
      for (String id : manifest.runIds()) {
        Path p = byName.remove(id);
        if (p != null) {
          ordered.add(p);
        }
      }
    }
    ordered.addAll(byName.values());
    return ordered;
  }

  /**
   * Rebuilds the {@link LayerStatsRecord} events from their rows: consecutive rows of the same kind, step and epoch form
   * one event; within it, rows are ordered by {@code layer_index} and a repeated index keeps its first row. A killed
   * run may leave its last event with fewer layers than the others; it is kept as it is.
   */
  static List<LayerStatsRecord> groupLayerRows(List<MetricsCsv.LayerRow> rows) {
    List<LayerStatsRecord> events = new ArrayList<>();
    int start = 0;
    while (start < rows.size()) {
      MetricsCsv.LayerRow first = rows.get(start);
      int end = start + 1;
      while (end < rows.size() && rows.get(end).kind() == first.kind() && rows.get(end).step() == first.step()
          && rows.get(end).epoch() == first.epoch()) {
        end++;
      }
      Map<Integer, MetricsCsv.LayerRow> byIndex = new java.util.TreeMap<>();
      rows.subList(start, end).forEach(r -> byIndex.putIfAbsent(r.index(), r));
      List<MetricsCsv.LayerRow> ordered = List.copyOf(byIndex.values());
      events.add(new LayerStatsRecord(first.kind(), first.step(), first.epoch(),
          ordered.stream().map(MetricsCsv.LayerRow::layer).toList(),
          ordered.stream().mapToDouble(MetricsCsv.LayerRow::gradientNorm).toArray(),
          ordered.stream().mapToDouble(MetricsCsv.LayerRow::weightNorm).toArray(),
          ordered.stream().mapToDouble(MetricsCsv.LayerRow::updateRatio).toArray()));
      start = end;
    }
    return events;
  }

  /** The confusion matrix, or {@code null} when the file is missing (silently) or unreadable (with a warning). */
  private static ConfusionMatrix readConfusion(Path file, Consumer<String> warn) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    // Written atomically, so a file is complete or absent; anything else is damage, reported and ignored.
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().map(ResultsReader::stripCr)
        .filter(l -> !l.isBlank()).toList();
    try {
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
      MetricsCsv.Columns columns = new MetricsCsv.Columns(lines.get(0));
      int k = lines.size() - 1;
      List<String> required = new ArrayList<>(List.of("epoch", "true_label"));
      for (int j = 0; j < k; j++) {
        required.add("pred_" + j);
      }
      List<String> missing = columns.missing(required);
      if (!missing.isEmpty() || columns.has("pred_" + k)) {
        throw new IllegalArgumentException(k + " rows but columns do not match (missing " + missing + ")");
      }
      long[][] counts = new long[k][];
      int epoch = -1;
      for (int r = 1; r <= k; r++) {
        String[] cells = MetricsCsv.split(lines.get(r));
        if (cells.length != columns.count()) {
          throw new IllegalArgumentException("line " + (r + 1) + " has " + cells.length + " cells");
        }
        int label = columns.integer(cells, "true_label");
        if (label < 0 || label >= k || counts[label] != null) {
          throw new IllegalArgumentException("line " + (r + 1) + ": unexpected true_label " + label);
        }
        int rowEpoch = columns.integer(cells, "epoch");
        if (epoch >= 0 && rowEpoch != epoch) {
          throw new IllegalArgumentException("rows of different epochs");
        }
        epoch = rowEpoch;
        counts[label] = new long[k];
        for (int j = 0; j < k; j++) {
          counts[label][j] = Long.parseLong(columns.cell(cells, "pred_" + j));
        }
      }
      return new ConfusionMatrix(epoch, counts);
    } catch (IllegalArgumentException e) {
      warn.accept(file + ": unreadable, ignored: " + e.getMessage());
      return null;
    }
  }

  /** The structure's layers, or empty when the file is missing (silently) or unreadable (with a warning). */
  private List<LayerRecord> readStructure(Path file, Consumer<String> warn) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      StructureRecord structure = json.read(file, StructureRecord.class);
      return structure == null ? List.of() : structure.layers();
    } catch (IOException | RuntimeException e) {
      warn.accept(file + ": unreadable, ignored: " + e.getMessage());
      return List.of();
    }
  }

  /**
   * Reads the complete, well-formed rows of a CSV file.
   *
   * @param required columns without which the file is ignored
   * @param expected whether a missing file deserves a warning (files every version writes) or is normal (files
   *     added later, which older runs lack)
   */
  private static <T> List<T> readCsv(Path file, List<String> required,
      BiFunction<MetricsCsv.Columns, String[], T> parse, boolean expected, Consumer<String> warn)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      if (expected) {
        warn.accept(file + ": missing");
      }
      return List.of();
    }
    // ISO-8859-1 decodes any byte: a file cut inside a character must not make reading fail.
    String content = Files.readString(file, StandardCharsets.ISO_8859_1);
    String[] lines = content.split("\n", -1);
    int complete = lines.length - 1; // the element after the last '\n': empty, or a line cut short
    if (!lines[complete].isEmpty()) {
      // Even if it parses, a cut line may end in a truncated number (0.87 cut to 0.8): never trust it.
      warn.accept(file + ": incomplete last line skipped (run stopped while writing?): " + lines[complete]);
    }
    if (complete == 0) {
      warn.accept(file + ": no header");
      return List.of();
    }
    MetricsCsv.Columns columns = new MetricsCsv.Columns(stripCr(lines[0]));
    List<String> missing = columns.missing(required);
    if (!missing.isEmpty()) {
      warn.accept(file + ": columns " + missing + " missing, file ignored");
      return List.of();
    }
    List<T> rows = new ArrayList<>();
    for (int i = 1; i < complete; i++) {
      String line = stripCr(lines[i]);
      if (line.isBlank()) {
        continue;
      }
      String[] cells;
      try {
        cells = MetricsCsv.split(line);
      } catch (IllegalArgumentException e) {
        warn.accept(file + ":" + (i + 1) + ": malformed (" + e.getMessage() + "), line skipped");
        continue;
      }
      if (cells.length != columns.count()) {
        warn.accept(file + ":" + (i + 1) + ": " + cells.length + " cells instead of " + columns.count()
            + ", line skipped");
        continue;
      }
      try {
        rows.add(parse.apply(columns, cells));
      } catch (IllegalArgumentException e) {
        warn.accept(file + ":" + (i + 1) + ": malformed (" + e.getMessage() + "), line skipped");
      }
    }
    return rows;
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
