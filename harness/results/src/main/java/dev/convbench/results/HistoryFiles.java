package dev.convbench.results;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A history directory: one {@link HistoryEntry} file per commit and experiment,
 * {@code <history>/<experiment>/<UTC time>-<short commit>.json}. Each entry is a file of its own, named by when it was
 * written and what it measured, so CI jobs appending at once, and branches of the history merged later, never edit
 * the same file; nothing is ever rewritten.
 */
public final class HistoryFiles {

  /** The suffix of entry files; other files in the directory are ignored. */
  public static final String ENTRY_SUFFIX = ".json";

  private static final ResultsJson JSON = new ResultsJson();
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,64}");

  private HistoryFiles() {}

  /** Whether {@code commit} looks like a commit hash (4 to 64 hexadecimal digits), as an entry requires. */
  public static boolean isCommitHash(String commit) {
    return commit != null && COMMIT.matcher(commit).matches();
  }

  /**
   * The entry of an experiment's summary at a commit.
   *
   * @param yardstick the yardstick measured in the same job, or {@code null}: then no cell has a relative throughput
   */
  public static HistoryEntry entry(ExperimentSummary summary, String commit, String label, String branch,
      String commitTime, HistoryEntry.Yardstick yardstick, Instant now) {
    Double reference = yardstick == null ? null : yardstick.imagesPerSecond();
    List<HistoryEntry.Cell> cells = summary.cells().stream().map(c -> {
      HistoryEntry.Metric ips = metric(c, MetricResult.IMAGES_PER_SECOND);
      return new HistoryEntry.Cell(c.label(), c.architecture(), c.targetAccuracy(),
          (int) c.runs().stream().filter(r -> "completed".equals(r.status())).count(),
          metric(c, MetricResult.FINAL_ACCURACY), metric(c, MetricResult.EPOCHS_TO_TARGET),
          metric(c, MetricResult.SECONDS_TO_TARGET), ips, metric(c, MetricResult.STEP_SECONDS),
          reference == null || ips == null ? null : ips.dividedBy(reference));
    }).toList();
    return new HistoryEntry(HistoryEntry.FORMAT, HistoryEntry.FORMAT_VERSION, summary.experiment(),
        summary.definition(), commit, label, branch, commitTime, now.toString(), summary.machines(), yardstick, cells);
  }

  private static HistoryEntry.Metric metric(CellResult cell, String name) {
    return cell.metric(name).map(HistoryEntry.Metric::of).orElse(null);
  }

  /**
   * Writes {@code entry} as a new file under {@code historyDir}: {@code <experiment>/<recorded time>-<short
   * commit>.json}, with {@code -2}, {@code -3}, … before the suffix when the name is taken. The content is complete
   * before the name appears.
   *
   * @return the file written
   */
  public static Path write(HistoryEntry entry, Path historyDir) throws IOException {
    Path dir = historyDir.resolve(directoryName(entry.experiment()));
    Files.createDirectories(dir);
    String stem = FILE_TIME.format(Instant.parse(entry.recordedAt())) + "-" + entry.shortCommit().toLowerCase(
        Locale.ROOT);
    byte[] content = JSON.write(entry);
    for (int attempt = 1; ; attempt++) {
      Path file = dir.resolve(stem + (attempt == 1 ? "" : "-" + attempt) + ENTRY_SUFFIX);
      if (AtomicFiles.createExclusively(file, content)) {
        return file;
      }
    }
  }

  /**
   * The directory name of an experiment's entries: its name with every character other than letters, digits,
   * {@code .}, {@code _} and {@code -} replaced by {@code -} ({@code +} of merged summaries included).
   */
  public static String directoryName(String experiment) {
    String name = experiment == null || experiment.isBlank() ? "unnamed" : experiment;
    name = name.replaceAll("[^A-Za-z0-9._-]", "-");
    return name.startsWith(".") ? "-" + name.substring(1) : name;
  }

  /**
   * Reads a yardstick: the JSON {@code convbench bench --json} prints (or writes with {@code --out}).
   *
   * @throws HistoryFormatException naming the file and what is missing
   */
  public static HistoryEntry.Yardstick readYardstick(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new HistoryFormatException(file + ": no such file");
    }
    HistoryEntry.Yardstick y;
    try {
      y = JSON.read(file, HistoryEntry.Yardstick.class);
    } catch (JacksonException e) {
      throw new HistoryFormatException(file + ": not a bench result (" + e.getOriginalMessage() + ")");
    }
    if (y == null || y.architecture() == null || y.medianStepMs() == null || !(y.medianStepMs() > 0)
        || y.imagesPerSecond() == null || !(y.imagesPerSecond() > 0)) {
      throw new HistoryFormatException(file + ": not a bench result (needs \"architecture\", and \"medianStepMs\" and"
          + " \"imagesPerSecond\" above 0, as `convbench bench --json` writes them)");
    }
    return y;
  }

  /**
   * Every entry under {@code historyDir}, ordered by experiment, then commit time (entries without one last), then
   * recording time. An entry that cannot be read (damaged JSON, not an entry, a newer format version, no commit) is
   * skipped and reported to {@code warnings} with its file name; hidden files ({@code .…}, such as an interrupted
   * write's temporary file) are ignored.
   *
   * @throws java.nio.file.NoSuchFileException if {@code historyDir} is not a directory
   */
  public static List<HistoryEntry> read(Path historyDir, Consumer<String> warnings) throws IOException {
    if (!Files.isDirectory(historyDir)) {
      throw new java.nio.file.NoSuchFileException(historyDir.toString(), null, "not a history directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(historyDir, 2)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(ENTRY_SUFFIX))
          .filter(p -> !p.getFileName().toString().startsWith(AtomicFiles.HIDDEN_PREFIX))
          .filter(p -> !historyDir.relativize(p).toString().startsWith(AtomicFiles.HIDDEN_PREFIX))
          .sorted().toList();
    }
    List<HistoryEntry> entries = new ArrayList<>();
    for (Path file : files) {
      try {
        entries.add(readEntry(file));
      } catch (HistoryFormatException e) {
        warnings.accept(e.getMessage() + "; entry skipped");
      }
    }
    entries.sort(Comparator.comparing((HistoryEntry e) -> e.experiment() == null ? "" : e.experiment())
        .thenComparing(e -> instant(e.commitTime()), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(e -> instant(e.recordedAt()), Comparator.nullsLast(Comparator.naturalOrder())));
    return entries;
  }

  /**
   * Reads one entry.
   *
   * @throws HistoryFormatException naming the file and what is wrong with it
   */
  public static HistoryEntry readEntry(Path file) throws IOException {
    HistoryEntry entry;
    try {
      entry = JSON.read(file, HistoryEntry.class);
    } catch (JacksonException e) {
      throw new HistoryFormatException(file + ": not a history entry (" + e.getOriginalMessage() + ")");
    }
    if (entry == null || !HistoryEntry.FORMAT.equals(entry.format())) {
      throw new HistoryFormatException(file + ": not a convbench history entry (no \"format\": \""
          + HistoryEntry.FORMAT + "\")");
    }
    if (entry.formatVersion() > HistoryEntry.FORMAT_VERSION) {
      throw new HistoryFormatException(file + ": written in history format version " + entry.formatVersion()
          + ", this convbench reads up to " + HistoryEntry.FORMAT_VERSION);
    }
    if (!isCommitHash(entry.commit())) {
      throw new HistoryFormatException(file + ": no commit hash (\"commit\": " + entry.commit() + ")");
    }
    if (instant(entry.recordedAt()) == null) {
      throw new HistoryFormatException(file + ": \"recordedAt\" is not an ISO-8601 instant: " + entry.recordedAt());
    }
    return entry;
  }

  private static Instant instant(String iso) {
    if (iso == null) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A file that is not a history entry or yardstick this release can read. */
  public static final class HistoryFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    HistoryFormatException(String message) {
      super(message);
    }
  }
}
