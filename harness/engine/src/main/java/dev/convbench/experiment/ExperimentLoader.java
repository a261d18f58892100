package dev.convbench.experiment;

import dev.convbench.spi.ArchitecturePlugin;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads an experiment file, validates all of it, and expands its matrix into runs.
 *
 * <p>Nothing is trained and no graph is built here: every problem of the file is found up front and reported
 * together, each as {@code file:line:column: message}, through one {@link ExperimentException}. A file that loads
 * is guaranteed to describe only valid runs.
 *
 * <h2>Safety</h2>
 * The YAML is composed into a node tree with SnakeYAML's safe loader, never constructed into objects: tags other
 * than YAML's plain-data ones are refused (so {@code !!javax.script.ScriptEngineManager} cannot run anything), the
 * file may hold at most 1 MiB, at most 50 aliases to lists or mappings (which stops "billion laughs" alias bombs),
 * and no duplicate or recursive keys. Anchors, aliases and merge keys ({@code <<: *common}) otherwise work.
 *
 * <h2>Schema</h2>
 * Keys are kebab-case. {@code harness/engine/src/test/resources/experiment/full-example.yaml} shows every key.
 * <pre>{@code
 * name: quickstart            # required; [a-z0-9][a-z0-9._-]*, at most 64 characters; names results/<name>/
 * description: ...            # optional free text
 * dataset:                    # optional; shared by every run
 *   data-dir: data/cifar10    # relative to the YAML file's directory; "~/" is the home directory
 *   train-subset: 2000        # 10..50000, stratified; default: all
 *   test-subset: 1000         # 10..10000 (at most holdout-size with validation: holdout); default: all
 *   validation: test          # test | holdout
 *   holdout-size: 5000        # 10..49990 training images held out for validation: holdout
 *   allow-partial: false
 *   subset-seed: 0
 * defaults:                   # optional training settings of every run; unset ones as TrainingConfig.defaults()
 *   epochs: 10                # >= 1
 *   batch-size: 128           # >= 1, and at most train-subset
 *   optimizer: {type: sgd, lr: 0.05, momentum: 0.9, nesterov: true}   # or {type: adam, lr: 0.001, beta1: 0.9,
 *                                                                     #     beta2: 0.999, epsilon: 1e-8}
 *   schedule: {type: cosine, warmup-epochs: 0, min-lr: 0}  # or {type: step, step-epochs: 30, gamma: 0.1}
 *   weight-decay: 5e-4
 *   augmentation: {random-crop: true, padding: 4, horizontal-flip: true, normalize: true}
 *   target-accuracy: 0.9      # fraction in (0, 1], or a percentage such as 90%; empty for none
 *   log-every-steps: 10       # >= 0
 *   precision: fp32           # fp32 | bf16 | fp16 | auto; matrix-able; part of a run's identity (fp32 as before)
 * architectures:              # optional fixed hyper-parameters per architecture
 *   resnet: {depth: 34}
 * matrix:
 *   architecture: [baseline-cnn, resnet]
 *   optimizer.lr: [0.01, 0.1]
 *   resnet.width: [1, 2]      # <architecture>.<hyper-parameter>: only applies to that architecture's cells
 *   exclude: [{architecture: baseline-cnn, optimizer.lr: 0.1}]
 *   include: [{architecture: resnet, optimizer.lr: 0.2}]
 * seeds: [1, 2, 3]            # or a count: "seeds: 3" means [1, 2, 3]; default [1]; one seed drives all three
 *                             # random streams. Or seeds per stream, their cross product (a stream left out at 1):
 *                             #   seeds: {init: [1, 2, 3], data-order: [1], augmentation: [1]}
 *                             # or a list of such mappings, the union of their runs ({all: [..]}: one seed each):
 *                             #   seeds: [{all: 3}, {init: 3}, {data-order: 3}, {augmentation: 3}]
 * report:
 *   baseline: baseline-cnn    # a cell label, or an architecture that has exactly one cell
 * device: auto                # auto | cpu | gpu | gpu:N (N from 0); --device overrides it; not part of a run's
 *                             # identity: where runs compute, not what they are
 * x-anything: ...             # top-level keys starting with "x-" are ignored: a place for anchors
 * }</pre>
 *
 * <h3>Values</h3>
 * Values are read from their text where the key's type is known, so {@code 5e-4} (a string to YAML 1.1) and
 * {@code "0.1"} are numbers where a number is expected. Booleans are {@code true/false}, {@code yes/no} or
 * {@code on/off}. Beyond the type, values are checked for sense: {@code optimizer.lr}, {@code optimizer.epsilon}
 * and {@code schedule.gamma} must be positive; {@code optimizer.momentum}, {@code optimizer.beta1} and {@code optimizer.beta2} in
 * [0, 1); {@code augmentation.padding} in 0..16; {@code weight-decay}, {@code schedule.warmup-epochs} and
 * {@code schedule.min-lr} non-negative; {@code optimizer.type} one of {@code sgd, adam}; {@code schedule.type} one
 * of {@code constant, step, cosine, one-cycle}. Checks across settings run per cell on the values it trains with:
 * {@code schedule.warmup-epochs < epochs}, {@code schedule.min-lr < optimizer.lr} for cosine and one-cycle,
 * {@code batch-size <= dataset.train-subset}, and that a setting of one optimizer or schedule only (SGD's
 * {@code momentum}, Adam's {@code beta1}, step's {@code gamma}...) is not given to a cell that uses another: it would
 * change nothing, so cells differing only in it would train the same.
 *
 * <h3>Settings</h3>
 * Every training setting has a flat dotted key ({@code epochs}, {@code optimizer.lr}, {@code schedule.type},
 * {@code augmentation.padding}, ...). In {@code defaults} a group may be nested ({@code optimizer: {lr: 0.1}}) or
 * dotted ({@code optimizer.lr: 0.1}), or written as one word: {@code optimizer: adam}, {@code schedule: step},
 * {@code augmentation: standard | none} (none keeps normalisation). When the optimizer is Adam and no
 * {@code optimizer.lr} is given anywhere, the learning rate is 0.001 instead of SGD's 0.05.
 * {@code TrainingSettings.TABLE} lists every setting with the values it accepts, its default and what it does; the
 * loader's readers and messages come from it, so does {@code experiments/SETTINGS.md} (a test keeps the page equal to
 * it), and a test checks each key is documented here or in the README. {@link ExperimentSchema} turns the same table,
 * the readers' keys and value readers and the architectures' hyper-parameters into the JSON Schema editors check
 * files with ({@code experiments/convbench-experiment.schema.json}, {@code convbench schema}).
 *
 * <h3>Matrix</h3>
 * A matrix key is {@code architecture}, a flat setting key, or {@code <architecture>.<hyper-parameter>}. Each maps
 * to a list of distinct values (a single scalar is a one-value list; a value of an integer-list hyper-parameter is
 * itself a list, as in {@code resnet.widths: [[16, 32], [32, 64]]}). Architectures may instead be given by a
 * top-level {@code architecture:} (a name or a list), which then comes first. The cells are then made as in GitHub
 * Actions (see {@link MatrixExpander}): the cartesian product, first key outermost; minus cells matching an
 * {@code exclude} entry (only matrix keys, and each entry must match some cell); then each {@code include} entry
 * extends every remaining cell whose matrix values equal the entry's values for the matrix keys it names, or else
 * becomes a new cell (which must then name its architecture). A hyper-parameter key only applies to its
 * architecture's cells; other cells drop it, and identical cells are kept once. At most 10,000 cells and 10,000
 * runs.
 *
 * <h3>Runs</h3>
 * Every cell runs once per seed (or combination of stream seeds, see {@link SeedsReader}), seed-major: all cells
 * with the first seed, then all with the second, and so on.
 * A run's {@link RunSpec#cell()} holds its cell's values ({@code architecture} first, then matrix keys in file
 * order, then keys only include entries add), its {@link RunSpec#label()} is the architecture followed by
 * {@code key=value} for the other keys ({@code resnet optimizer.lr=0.1}), and its {@link RunSpec#runId()} is the
 * same joined by {@code __} plus the seed ({@code resnet__optimizer.lr=0.1__s1}; {@code __i2-d1-a1} when the
 * streams' seeds differ), see {@link RunNaming}. Numbers
 * display canonically: {@code 0.10} and {@code 1e-1} show as {@code 0.1}, {@code 5e-4} as {@code 5e-4}.
 */
public final class ExperimentLoader {

  /** Larger files are refused before they are read; the limit that matters is {@link YamlTree#MAX_CODE_POINTS}. */
  public static final int MAX_FILE_BYTES = 4 * YamlTree.MAX_CODE_POINTS; // a code point takes at most 4 bytes

  /** A loader; it holds no state, so one instance may serve any number of files and threads. */
  public ExperimentLoader() {
  }

  /**
   * Reads and validates an experiment file.
   *
   * @param file the YAML file; relative {@code dataset.data-dir} values resolve against its directory
   * @param available the installed architecture plugins
   * @return the experiment with every run, in a stable order
   * @throws ExperimentException listing every problem of the file (or why it cannot be read)
   */
  public Experiment load(Path file, Collection<? extends ArchitecturePlugin> available)
      throws ExperimentException {
    Objects.requireNonNull(file, "file");
    return parse(read(file), file, available);
  }

  /**
   * Validates experiment text as if it had been read from {@code source}.
   *
   * @param text the YAML text
   * @param source the file it stands for: names it in problems, and relative {@code dataset.data-dir} values
   *     resolve against its directory (it does not need to exist)
   * @param available the installed architecture plugins
   * @throws ExperimentException listing every problem of the text
   */
  public Experiment parse(String text, Path source, Collection<? extends ArchitecturePlugin> available)
      throws ExperimentException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(available, "available");
    return new ExperimentReader(source, text, new Architectures(available)).read();
  }

  private static String read(Path file) throws ExperimentException {
    try {
      if (Files.isDirectory(file)) {
        throw failure(file, "is a directory, not an experiment file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw failure(file, YamlTree.TOO_LARGE);
      }
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (NoSuchFileException e) {
      throw failure(file, "no such file");
    } catch (CharacterCodingException e) {
      throw failure(file, "not UTF-8 text");
    } catch (IOException e) {
      throw failure(file, "cannot read the file: " + e.getMessage());
    }
  }

  private static ExperimentException failure(Path file, String message) {
    return new ExperimentException(List.of(Problem.wholeFile(file, message)));
  }
}
