package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.experiment.TrainingSettings.Setting;
import dev.convbench.training.CheckpointPolicy;
import dev.convbench.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The table of training settings is what the loader accepts, what its messages say, and what is documented. */
class TrainingSettingsTableTest {

  /** Defaults that are not a value one could write (no target, no timed checkpoints) or depend on another key. */
  private static final List<String> NOT_WRITABLE_DEFAULTS = List.of("optimizer.lr", "target-accuracy",
      "checkpoint.every-minutes");

  @Test
  void settingEveryKeyToItsDocumentedDefaultChangesNothing() throws ExperimentException {
    for (Setting s : TrainingSettings.TABLE) {
      if (NOT_WRITABLE_DEFAULTS.contains(s.key())) {
        continue;
      }
      String kind = kindLine(s);
      Experiment plain = load("name: x\n" + (kind.isEmpty() ? "" : "defaults:\n" + kind) + "architecture: vgg11\n");
      Experiment set = load("name: x\ndefaults:\n" + kind + "  " + s.key() + ": " + s.byDefault()
          + "\narchitecture: vgg11\n");
      assertEquals(plain.runs().get(0).training(), set.runs().get(0).training(), s.key());
      assertEquals(plain.checkpoints(), set.checkpoints(), s.key());
    }
    Experiment plain = load("name: x\narchitecture: vgg11\n");
    assertEquals(TrainingConfig.defaults().withPrecision(plain.runs().get(0).training().precision()),
        plain.runs().get(0).training());
    assertEquals(CheckpointPolicy.defaults(), plain.checkpoints());
  }

  @Test
  void theLoaderAcceptsExactlyTheTablesKeys() throws ExperimentException {
    for (Setting s : TrainingSettings.TABLE) {
      load("name: x\ndefaults:\n" + kindLine(s) + "  " + s.key() + ": " + example(s) + "\narchitecture: vgg11\n");
    }
    assertEquals(List.of("3:3: unknown key 'optimizer.momentun' in defaults; did you mean 'optimizer.momentum'?"),
        problems("name: x\ndefaults:\n  optimizer.momentun: 0.5\narchitecture: vgg11\n"));
  }

  @Test
  void aRefusedValueIsToldWhatTheTableSaysTheSettingAccepts() {
    ScalarNode word = new ScalarNode(Tag.STR, "ten", null, null, DumperOptions.ScalarStyle.PLAIN);
    for (Setting s : TrainingSettings.TABLE) {
      InvalidValue refused = assertThrows(InvalidValue.class, () -> s.reader().read(word), s.key());
      assertTrue(refused.messageFor(s.key()).startsWith(s.key() + " must be " + s.accepts() + ", got 'ten'"),
          refused.messageFor(s.key()));
    }
  }

  /** Every key is documented in the loader's javadoc (the schema) or in the README's tour of an experiment file. */
  @Test
  void everySettingIsDocumented() throws IOException {
    String javadoc = Files.readString(Path.of("src/main/java/dev/convbench/experiment/ExperimentLoader.java"));
    String readme = Files.readString(Path.of("../../README.md"));
    String tour = readme.substring(readme.indexOf("## A tour of an experiment file"));
    tour = tour.substring(0, tour.indexOf("\n## ", 1));
    List<String> lines = (javadoc + "\n" + tour).lines().toList();
    for (Setting s : TrainingSettings.TABLE) {
      int dot = s.key().indexOf('.');
      String section = dot < 0 ? null : s.key().substring(0, dot);
      String leaf = s.key().substring(dot + 1);
      boolean documented = lines.stream().anyMatch(line -> line.contains(s.key())
          || (section == null ? line.matches("[\\s*]*" + leaf + ":.*")
              : line.matches("[\\s*]*" + section + ":.*") && line.matches(".*\\b" + leaf + "\\b.*")));
      assertTrue(documented, s.key() + " is not documented");
    }
  }

  @Test
  void aSettingOfAnotherOptimizerOrScheduleIsRefusedWhereItIsWritten() {
    assertEquals(List.of("3:42: optimizer.beta1 takes effect only with optimizer.type adam, and no cell uses adam:"
        + " remove it, or set optimizer.type: adam"),
        problems("name: x\ndefaults:\n  optimizer: {type: sgd, lr: 0.1, beta1: 0.8}\narchitecture: vgg11\n"));
    assertEquals(List.of("3:20: schedule.min-lr takes effect only with schedule.type cosine or one-cycle, and no cell"
        + " uses any of them: remove it, or set schedule.type: cosine"),
        problems("name: x\ndefaults:\n  schedule.min-lr: 0.001\n  schedule.type: step\narchitecture: vgg11\n"));
  }

  @Test
  void aMatrixCrossingASettingWithAnotherKindIsRefusedAndIncludeIsTheWayOut() throws ExperimentException {
    String crossed = """
        name: x
        matrix:
          architecture: [vgg11]
          optimizer.type: [sgd, adam]
          optimizer.momentum: [0.5, 0.9]
        """;
    List<String> found = problems(crossed);
    assertEquals(2, found.size(), found.toString());
    assertEquals("5:24: optimizer.momentum takes effect only with optimizer.type sgd, and this cell's optimizer.type"
        + " is adam, so cells that differ only in it would train the same: cross it with optimizer.type sgd cells"
        + " only and list the adam cells under include, e.g. include: [{optimizer.type: adam}]", found.get(0));
    assertTrue(found.get(1).startsWith("5:29: optimizer.momentum takes effect only"), found.get(1));

    Experiment split = load("""
        name: x
        matrix:
          architecture: [vgg11]
          optimizer.type: [sgd]
          optimizer.momentum: [0.5, 0.9]
          include: [{architecture: vgg11, optimizer.type: adam}]
        """);
    assertEquals(List.of("sgd", "sgd", "adam"),
        split.runs().stream().map(r -> r.training().optimizer().type()).toList());
  }

  /** The line that selects the optimizer or schedule a setting belongs to, if it belongs to one. */
  private static String kindLine(Setting s) {
    return s.appliesTo().map(rule -> "  " + rule.kindKey() + ": " + rule.kinds().get(0) + "\n").orElse("");
  }

  /**
   * The settings reference beside the experiment files is the table as it is; run with
   * {@code -Dconvbench.writeSettingsReference=true} to write it after changing the table.
   */
  @Test
  void theSettingsReferenceIsTheTable() throws IOException {
    Path reference = Path.of("../../experiments/SETTINGS.md");
    if (Boolean.getBoolean("convbench.writeSettingsReference")) {
      Files.writeString(reference, TrainingSettings.reference());
    }
    assertEquals(TrainingSettings.reference(), Files.readString(reference),
        "experiments/SETTINGS.md differs from the settings table; regenerate it: ./mvnw -pl harness/spi,harness/engine"
            + " test -Dtest=TrainingSettingsTableTest -Dconvbench.writeSettingsReference=true");
  }

  /** A valid value other than the default where the default is not writable. */
  private static String example(Setting s) {
    return switch (s.key()) {
      case "optimizer.lr" -> "0.1";
      case "target-accuracy" -> "90%";
      case "checkpoint.every-minutes" -> "30";
      default -> s.byDefault();
    };
  }
}
