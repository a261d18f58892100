package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.convbench.data.DatasetOptions;
import dev.convbench.training.LearningRateSchedule;
import dev.convbench.training.Optimizer;
import dev.convbench.training.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixExpansionTest {

  @Test
  void minimalFileGivesOneRunWithAllDefaults() throws ExperimentException {
    String yaml = """
        name: smoke
        matrix:
          architecture: [baseline-cnn]
        """;
    Experiment experiment = load(yaml);

    assertEquals("smoke", experiment.name());
    assertEquals("", experiment.description());
    assertEquals(ExperimentFiles.SOURCE, experiment.source());
    assertEquals(yaml, experiment.sourceText());
    assertEquals(DatasetOptions.defaults(), experiment.dataset());
    assertNull(experiment.baseline());
    RunSpec run = experiment.runs().get(0);
    assertEquals(1, experiment.runs().size());
    assertEquals("baseline-cnn__s1", run.runId());
    assertEquals("baseline-cnn", run.label());
    assertEquals("baseline-cnn", run.architecture());
    assertEquals(Map.of("architecture", "baseline-cnn"), run.cell());
    assertEquals(Map.of(), run.hyperParameters());
    assertEquals(TrainingConfig.defaults(), run.training());
    assertEquals(DatasetOptions.defaults(), run.dataset());
    assertEquals(1, run.seed());
  }

  @Test
  void productVariesTheLastKeyFastest() throws ExperimentException {
    Experiment experiment = load("""
        name: grid
        matrix:
          architecture: [baseline-cnn, vgg11]
          optimizer.lr: [0.01, 0.1]
          batch-size: [64, 128]
        """);

    assertEquals(List.of(
        "baseline-cnn optimizer.lr=0.01 batch-size=64",
        "baseline-cnn optimizer.lr=0.01 batch-size=128",
        "baseline-cnn optimizer.lr=0.1 batch-size=64",
        "baseline-cnn optimizer.lr=0.1 batch-size=128",
        "vgg11 optimizer.lr=0.01 batch-size=64",
        "vgg11 optimizer.lr=0.01 batch-size=128",
        "vgg11 optimizer.lr=0.1 batch-size=64",
        "vgg11 optimizer.lr=0.1 batch-size=128"), labels(experiment));
    RunSpec last = experiment.runs().get(7);
    assertEquals("vgg11__optimizer.lr=0.1__batch-size=128__s1", last.runId());
    assertEquals(0.1, last.training().optimizer().learningRate());
    assertEquals(128, last.training().batchSize());
    assertEquals(orderedMap("architecture", "vgg11", "optimizer.lr", 0.1, "batch-size", 128), last.cell());
    assertEquals(List.copyOf(last.cell().keySet()), List.of("architecture", "optimizer.lr", "batch-size"));
  }

  @Test
  void cellsRunOncePerSeedSeedMajor() throws ExperimentException {
    Experiment experiment = load("""
        name: seeds
        matrix: {architecture: [baseline-cnn, vgg11]}
        seeds: [7, 3]
        """);

    assertEquals(List.of("baseline-cnn__s7", "vgg11__s7", "baseline-cnn__s3", "vgg11__s3"), runIds(experiment));
    assertEquals(List.of(7L, 7L, 3L, 3L), experiment.runs().stream().map(RunSpec::seed).toList());
    assertEquals(experiment.runs().get(0).cell(), experiment.runs().get(2).cell());
  }

  @Test
  void aSeedCountMeansSeedsOneToN() throws ExperimentException {
    Experiment experiment = load("""
        name: seeds
        architecture: vgg11
        seeds: 3
        """);

    assertEquals(List.of("vgg11__s1", "vgg11__s2", "vgg11__s3"), runIds(experiment));
  }

  @Test
  void excludeRemovesEveryCellMatchingAllItsKeys() throws ExperimentException {
    Experiment experiment = load("""
        name: exclude
        matrix:
          architecture: [baseline-cnn, vgg11]
          optimizer.lr: [0.01, 0.1]
          epochs: [5, 10]
          exclude:
            - {architecture: baseline-cnn, optimizer.lr: 0.1}
            - {epochs: 10, architecture: vgg11}
        """);

    assertEquals(List.of(
        "baseline-cnn optimizer.lr=0.01 epochs=5",
        "baseline-cnn optimizer.lr=0.01 epochs=10",
        "vgg11 optimizer.lr=0.01 epochs=5",
        "vgg11 optimizer.lr=0.1 epochs=5"), labels(experiment));
  }

  @Test
  void includeExtendsMatchingCellsOrAddsCellsAsInGitHubActions() throws ExperimentException {
    Experiment experiment = load("""
        name: include
        matrix:
          architecture: [baseline-cnn, vgg11]
          optimizer.lr: [0.01, 0.1]
          include:
            # names no matrix key: extends every cell
            - epochs: 20
            # matches one cell by its matrix values: extends it
            - {architecture: vgg11, optimizer.lr: 0.1, batch-size: 64}
            # a matrix value no cell has: a new cell, with only its own keys
            - {architecture: vgg11, optimizer.lr: 0.5}
            # may overwrite what an earlier include added, never matrix values
            - {optimizer.lr: 0.01, epochs: 5}
        """);

    assertEquals(List.of(
        "baseline-cnn optimizer.lr=0.01 epochs=5",
        "baseline-cnn optimizer.lr=0.1 epochs=20",
        "vgg11 optimizer.lr=0.01 epochs=5",
        "vgg11 optimizer.lr=0.1 epochs=20 batch-size=64",
        "vgg11 optimizer.lr=0.5"), labels(experiment));
    RunSpec extended = experiment.runs().get(3);
    assertEquals(20, extended.training().epochs());
    assertEquals(64, extended.training().batchSize());
    assertEquals("vgg11__optimizer.lr=0.1__epochs=20__batch-size=64__s1", extended.runId());
    assertEquals(TrainingConfig.defaults().epochs(), experiment.runs().get(4).training().epochs());
  }

  @Test
  void includeCanReAddAnExcludedCell() throws ExperimentException {
    Experiment experiment = load("""
        name: readd
        matrix:
          architecture: [baseline-cnn, vgg11]
          epochs: [5, 10]
          exclude: [{architecture: vgg11}]
          include: [{architecture: vgg11, epochs: 10, batch-size: 32}]
        """);

    assertEquals(List.of("baseline-cnn epochs=5", "baseline-cnn epochs=10", "vgg11 epochs=10 batch-size=32"),
        labels(experiment));
  }

  @Test
  void aMatrixOfIncludesOnlyListsItsCells() throws ExperimentException {
    Experiment experiment = load("""
        name: hand-picked
        matrix:
          include:
            - {architecture: baseline-cnn}
            - {architecture: resnet, resnet.depth: 34, optimizer.lr: 0.2}
        """);

    assertEquals(List.of("baseline-cnn", "resnet depth=34 optimizer.lr=0.2"), labels(experiment));
    assertEquals(34, experiment.runs().get(1).hyperParameters().get("depth"));
  }

  @Test
  void hyperParameterKeysOnlyApplyToTheirArchitecture() throws ExperimentException {
    Experiment experiment = load("""
        name: depths
        matrix:
          architecture: [baseline-cnn, resnet]
          resnet.depth: [18, 34]
          resnet.activation: [relu, gelu]
        """);

    assertEquals(List.of(
        "baseline-cnn",
        "resnet depth=18 activation=relu",
        "resnet depth=18 activation=gelu",
        "resnet depth=34 activation=relu",
        "resnet depth=34 activation=gelu"), labels(experiment));
    assertEquals("resnet__resnet.depth=34__resnet.activation=gelu__s1", experiment.runs().get(4).runId());
  }

  @Test
  void hyperParametersAreResolvedWithDefaultsInDeclarationOrder() throws ExperimentException {
    Experiment experiment = load("""
        name: params
        architectures:
          resnet: {width: 2, activation: gelu}
        matrix:
          architecture: resnet
          resnet.activation: [relu]
          resnet.widths: [[8, 16]]
        """);

    Map<String, Object> expected = orderedMap("depth", 18, "width", 2.0, "widths", List.of(8, 16),
        "activation", "relu", "pre-activation", false);
    RunSpec run = experiment.runs().get(0);
    assertEquals(expected, run.hyperParameters());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(run.hyperParameters().keySet()));
    assertEquals("resnet__resnet.activation=relu__resnet.widths=8-16__s1", run.runId());
    assertEquals("resnet activation=relu widths=[8, 16]", run.label());
  }

  @Test
  void labelIsTheArchitectureAloneWhenItIsTheOnlyMatrixKey() throws ExperimentException {
    Experiment experiment = load("""
        name: labels
        defaults: {epochs: 3}
        matrix: {architecture: [vgg11, resnet]}
        """);

    assertEquals(List.of("vgg11", "resnet"), labels(experiment));
    assertEquals(List.of("vgg11__s1", "resnet__s1"), runIds(experiment));
  }

  @Test
  void runIdsAreStableUniqueAndIndependentOfOtherCells() throws ExperimentException {
    String yaml = """
        name: ids
        matrix:
          architecture: [resnet]
          resnet.activation: [Swish, relu]
          optimizer.lr: [1e-3, 5e-4]
        seeds: 2
        """;
    List<String> ids = runIds(load(yaml));

    assertEquals(ids, runIds(load(yaml)));
    assertEquals(ids.size(), ids.stream().map(String::toLowerCase).distinct().count());
    assertEquals("resnet__resnet.activation=relu__optimizer.lr=5e-4__s2", ids.get(7));
    // 'Swish' has an upper-case letter, which case-insensitive file systems would fold: shown folded, plus a hash
    String swish = ids.get(0);
    assertEquals(true, swish.matches("resnet__resnet\\.activation=swish__optimizer\\.lr=0\\.001__[0-9a-f]{8}__s1"),
        swish);
    List<String> withAnotherCell = runIds(load(yaml.replace("[1e-3, 5e-4]", "[1e-3, 5e-4, 0.1]")));
    assertEquals(true, withAnotherCell.containsAll(ids));
  }

  @Test
  void runIdsOnlyUseFileSystemSafeCharacters() throws ExperimentException {
    Experiment experiment = load("""
        name: safe
        matrix:
          architecture: [resnet]
          resnet.widths: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]]
          optimizer.lr: [0.1]
          schedule.type: [one-cycle]
          target-accuracy: [~, 90%]
        """);

    for (RunSpec run : experiment.runs()) {
      assertEquals(true, run.runId().matches("[a-z0-9._=-]+") && run.runId().length() <= 100, run.runId());
    }
    assertEquals("resnet widths=[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, "
        + "22, 23, 24] optimizer.lr=0.1 schedule.type=one-cycle target-accuracy=none",
        experiment.runs().get(0).label());
    assertEquals(2, experiment.runs().stream().map(RunSpec::runId).distinct().count());
  }

  @Test
  void defaultsApplyToEveryRunAndCellsOverrideThem() throws ExperimentException {
    Experiment experiment = load("""
        name: defaults
        defaults:
          epochs: 30
          batch-size: 256
          optimizer: {type: sgd, lr: 0.1, momentum: 0.8, nesterov: false}
          schedule: {type: step, step-epochs: 10, gamma: 0.5, warmup-epochs: 1.5}
          weight-decay: 1e-4
          augmentation: {random-crop: false, padding: 2, horizontal-flip: false, normalize: false}
          target-accuracy: 0.75
          log-every-steps: 0
        matrix:
          architecture: [baseline-cnn]
          optimizer.lr: [0.1, 0.2]
        """);

    TrainingConfig first = experiment.runs().get(0).training();
    assertEquals(30, first.epochs());
    assertEquals(256, first.batchSize());
    assertEquals(new Optimizer.Sgd(0.1, 0.8, false), first.optimizer());
    assertEquals(new LearningRateSchedule.Step(10, 0.5, 1.5), first.schedule());
    assertEquals(1e-4, first.weightDecay());
    assertEquals(new dev.convbench.training.AugmentationConfig(false, 2, false, false), first.augmentation());
    assertEquals(0.75, first.targetAccuracy());
    assertEquals(0, first.logEverySteps());
    assertEquals(first.withOptimizer(first.optimizer().withLearningRate(0.2)), experiment.runs().get(1).training());
  }

  @Test
  void settingsCanBeDottedOrWrittenAsOneWord() throws ExperimentException {
    Experiment experiment = load("""
        name: shorthands
        defaults:
          optimizer: adam
          optimizer.beta2: 0.99
          schedule: constant
          augmentation: none
        architecture: vgg11
        """);

    TrainingConfig training = experiment.runs().get(0).training();
    Optimizer.Adam adam = Optimizer.Adam.defaults();
    assertEquals(new Optimizer.Adam(adam.learningRate(), adam.beta1(), 0.99, adam.epsilon()), training.optimizer(),
        "Adam's own learning rate");
    assertEquals(new LearningRateSchedule.Constant(0), training.schedule());
    assertEquals(dev.convbench.training.AugmentationConfig.none(), training.augmentation());
  }

  @Test
  void numbersWithoutADotAndQuotedNumbersAreNumbers() throws ExperimentException {
    // YAML 1.1 reads 5e-4 as a string because it has no dot; where a number is expected it is one.
    Experiment experiment = load("""
        name: numbers
        defaults:
          weight-decay: 5e-4
          optimizer: {type: adam, epsilon: 1e-8, lr: "3e-4"}
          target-accuracy: 93.5%
        matrix:
          architecture: [resnet]
          resnet.width: [5e-1, "2"]
          schedule.min-lr: [1E-6]
        """);

    TrainingConfig training = experiment.runs().get(0).training();
    assertEquals(5e-4, training.weightDecay());
    assertEquals(new Optimizer.Adam(3e-4, 0.9, 0.999, 1e-8), training.optimizer());
    assertEquals(0.935, training.targetAccuracy(), 1e-12);
    assertEquals(new LearningRateSchedule.Cosine(0, 1e-6), training.schedule());
    assertEquals(0.5, experiment.runs().get(0).hyperParameters().get("width"));
    assertEquals(2.0, experiment.runs().get(1).hyperParameters().get("width"));
    assertEquals("resnet width=0.5 schedule.min-lr=1e-6", experiment.runs().get(0).label());
  }

  @Test
  void equalNumbersWrittenDifferentlyAreTheSameValue() throws ExperimentException {
    Experiment experiment = load("""
        name: same
        matrix:
          architecture: [vgg11]
          optimizer.lr: [0.10, 0.2]
          exclude: [{optimizer.lr: 1e-1}]
        """);

    assertEquals(List.of("vgg11 optimizer.lr=0.2"), labels(experiment));
  }

  @Test
  void architectureMayBeGivenAtTheTopLevel() throws ExperimentException {
    Experiment experiment = load("""
        name: top
        architecture: [vgg11, baseline-cnn]
        matrix:
          epochs: [1, 2]
        """);

    assertEquals(List.of("vgg11 epochs=1", "vgg11 epochs=2", "baseline-cnn epochs=1", "baseline-cnn epochs=2"),
        labels(experiment));
  }

  @Test
  void baselineMayBeALabelOrAnArchitectureWithOneCell() throws ExperimentException {
    String yaml = """
        name: baseline
        matrix:
          architecture: [baseline-cnn, resnet]
          resnet.depth: [18, 34]
        report:
          baseline: %s
        """;

    assertEquals("baseline-cnn", load(yaml.formatted("baseline-cnn")).baseline());
    assertEquals("resnet depth=34", load(yaml.formatted("resnet depth=34")).baseline());
  }

  @Test
  void anchorsAliasesMergeKeysAndExtensionKeysWork() throws ExperimentException {
    Experiment experiment = load("""
        name: anchors
        x-fast: &fast {epochs: 2, batch-size: 32}
        x-rates: &rates [0.01, 0.1]
        defaults:
          <<: *fast
          epochs: 3
        matrix:
          architecture: [vgg11]
          optimizer.lr: *rates
        """);

    assertEquals(List.of("vgg11 optimizer.lr=0.01", "vgg11 optimizer.lr=0.1"), labels(experiment));
    assertEquals(3, experiment.runs().get(0).training().epochs());
    assertEquals(32, experiment.runs().get(0).training().batchSize());
  }

  @Test
  void identicalCellsRunOnce() throws ExperimentException {
    Experiment experiment = load("""
        name: twice
        matrix:
          include:
            - {architecture: vgg11, epochs: 2}
            - {epochs: 2, architecture: vgg11}
        """);

    assertEquals(List.of("vgg11__epochs=2__s1"), runIds(experiment));
  }

  static List<String> labels(Experiment experiment) {
    return experiment.runs().stream().filter(r -> r.seed() == experiment.runs().get(0).seed())
        .map(RunSpec::label).toList();
  }

  static List<String> runIds(Experiment experiment) {
    return experiment.runs().stream().map(RunSpec::runId).toList();
  }

  static Map<String, Object> orderedMap(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
