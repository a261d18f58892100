package dev.convbench.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dev.convbench.training.RunSeeds;

/**
 * Names of cells and runs.
 *
 * <p>A label is for people: the architecture, then {@code key=value} for every other key of the cell, e.g.
 * {@code resnet18 optimizer.lr=0.1} (the architecture's own hyper-parameters without its name:
 * {@code resnet shortcut=false}). A run id names the run's result directory: the same pieces joined by
 * {@code __}, then the seed, e.g. {@code resnet18__optimizer.lr=0.1__s1}, or the seeds of the weight
 * initialisation, data order and augmentation when they differ: {@code resnet18__i2-d1-a1}. Run ids only use {@code [a-z0-9._=-]},
 * so they are safe on every file system, including case-insensitive ones. A value that needs other characters is
 * shown sanitised and the id gets an 8-hex-digit hash of the exact cell ({@code __3f2a9c1b}); an id that would be
 * longer than {@value #MAX_BODY} characters is cut and hashed the same way. Either way an id depends only on its own
 * cell and seed, so it stays the same when other cells are added to the file.
 */
final class RunNaming {

  static final int MAX_BODY = 100;
  static final int CUT_BODY = 80;

  /** Values that need no hashing: lower case, digits, '.', '-', single inner '_' (so "__" stays a separator). */
  private static final Pattern CLEAN_VALUE = Pattern.compile("[a-z0-9.-]+(?:_[a-z0-9.-]+)*");
  private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9.-]+");

  private RunNaming() {
  }

  /**
   * The cell's label. A hyper-parameter key of the cell's own architecture is shown without the repeated
   * architecture name: {@code resnet shortcut=false}, not {@code resnet resnet.shortcut=false}.
   */
  static String label(Map<String, Object> cell) {
    String architecture = String.valueOf(cell.get(MatrixKey.ARCHITECTURE));
    StringBuilder label = new StringBuilder(architecture);
    cell.forEach((key, value) -> {
      if (!key.equals(MatrixKey.ARCHITECTURE)) {
        String shown = key.startsWith(architecture + ".") ? key.substring(architecture.length() + 1) : key;
        label.append(' ').append(shown).append('=').append(Scalars.format(value));
      }
    });
    return label.toString();
  }

  /** Every key in full: what a run id's hash is computed from, so ids do not depend on how labels are shown. */
  private static String exactCell(Map<String, Object> cell) {
    StringBuilder exact = new StringBuilder(String.valueOf(cell.get(MatrixKey.ARCHITECTURE)));
    cell.forEach((key, value) -> {
      if (!key.equals(MatrixKey.ARCHITECTURE)) {
        exact.append(' ').append(key).append('=').append(Scalars.format(value));
      }
    });
    return exact.toString();
  }

  static String runId(Map<String, Object> cell, long seed) {
    return runId(cell, RunSeeds.uniform(seed));
  }

  static String runId(Map<String, Object> cell, RunSeeds seeds) {
    StringBuilder body = new StringBuilder(String.valueOf(cell.get(MatrixKey.ARCHITECTURE)));
    boolean hashed = false;
    for (Map.Entry<String, Object> e : cell.entrySet()) {
      if (e.getKey().equals(MatrixKey.ARCHITECTURE)) {
        continue;
      }
      String value = idValue(e.getValue());
      if (!CLEAN_VALUE.matcher(value).matches()) {
        value = UNSAFE.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("-");
        hashed = true;
      }
      body.append("__").append(e.getKey()).append('=').append(value);
    }
    if (body.length() > MAX_BODY) {
      body.setLength(CUT_BODY);
      hashed = true;
    }
    if (hashed) {
      body.append("__").append(hash(exactCell(cell)));
    }
    return body.append("__").append(seedPart(seeds)).toString();
  }

  /** {@code s1} for one seed, as run ids have always ended; {@code i2-d1-a1} when the streams' seeds differ. */
  private static String seedPart(RunSeeds seeds) {
    return seeds.isUniform() ? "s" + seeds.init()
        : "i" + seeds.init() + "-d" + seeds.dataOrder() + "-a" + seeds.augmentation();
  }

  /** Lists of integers as {@code 16-32-64}: readable, and unambiguous because elements are integers. */
  private static String idValue(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(Scalars::format).collect(Collectors.joining("-"));
    }
    return Scalars.format(value);
  }

  // The exact form shows every key and value (canonical form), so equal strings mean equal cells.
  private static String hash(String exactCell) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(exactCell.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
