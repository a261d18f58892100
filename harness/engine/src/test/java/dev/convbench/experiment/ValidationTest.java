package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every problem a file can have, each with its line and column ({@code line:column: message}). */
class ValidationTest {

  @Test
  void reportsEveryProblemOfTheFileAtOnceInFileOrder() {
    assertEquals(List.of(
        "1:7: name must be a name matching [a-z0-9][a-z0-9._-]* (it names the results directory), got 'My Test'",
        "3:3: unknown key 'epoch' in defaults; did you mean 'epochs'?",
        "4:15: batch-size must be a positive integer, got '0'",
        "5:19: optimizer.lr must be a positive number, got '-0.1'",
        "7:18: unknown architecture 'resnet19'; did you mean 'resnet'? (available: baseline-cnn, resnet, vgg11)",
        "8:1: unknown key 'seed' at top level; did you mean 'seeds'?"), problems("""
        name: My Test
        defaults:
          epoch: 10
          batch-size: 0
          optimizer: {lr: -0.1}
        matrix:
          architecture: [resnet19]
        seed: [1]
        """));
  }

  @Nested
  class TopLevel {

    @Test
    void nameIsRequired() {
      assertEquals(List.of("1:1: missing required key 'name' (it names the results directory results/<name>/)"),
          problems("""
              architecture: vgg11
              """));
    }

    @Test
    void nameMustBeAFileSystemSafeWord() {
      assertEquals(List.of("1:7: name must be a name matching [a-z0-9][a-z0-9._-]* (it names the results "
          + "directory), got '../etc'"), problems("""
              name: ../etc
              architecture: vgg11
              """));
    }

    @Test
    void nameMustBeShort() {
      assertEquals(List.of("1:7: name must be at most 64 characters long"), problems("""
          name: %s
          architecture: vgg11
          """.formatted("a".repeat(65))));
    }

    @Test
    void descriptionMustBeText() {
      assertEquals(List.of("2:14: description must be text, got a list"), problems("""
          name: x
          description: [a, b]
          architecture: vgg11
          """));
    }

    @Test
    void unknownKeysSuggestTheNearestOrListTheValidOnes() {
      assertEquals(List.of(
          "2:1: unknown key 'matrx' at top level; did you mean 'matrix'?",
          "4:1: unknown key 'epochs' at top level; training settings go under 'defaults:'",
          "5:1: unknown key 'train-subset' at top level; data settings go under 'dataset:'",
          "6:1: unknown key 'zzz' at top level; valid keys: name, description, dataset, defaults, architectures, "
              + "architecture, matrix, seeds, report, threads, device"), problems("""
          name: x
          matrx: {}
          architecture: vgg11
          epochs: 3
          train-subset: 100
          zzz: 1
          """));
    }

    @Test
    void theFileMustBeAMapping() {
      assertEquals(List.of("1:1: the top level must be a mapping of keys such as 'name:' and 'matrix:', got a list"),
          problems("""
              - name: x
              """));
    }

    @Test
    void anEmptyFileSaysWhatIsNeeded() {
      assertEquals(List.of("1:1: the file is empty; an experiment needs at least a 'name' and an architecture"),
          problems("# nothing yet\n"));
    }

    @Test
    void sectionsMustBeMappings() {
      assertEquals(List.of(
          "2:10: dataset must be a mapping such as {train-subset: 5000, validation: holdout}, got 'all'",
          "3:11: defaults must be a mapping such as {epochs: 10, optimizer: {lr: 0.1}}, got a list",
          "4:9: matrix must be a mapping such as {architecture: [resnet18], optimizer.lr: [0.01, 0.1]}, got 'vgg11'"),
          problems("""
              name: x
              dataset: all
              defaults: [epochs]
              matrix: vgg11
              """));
    }
  }

  @Nested
  class Dataset {

    @Test
    void valuesAreCheckedForTypeAndRange() {
      assertEquals(List.of(
          "3:17: train-subset must be an integer from 10 to 50000, got '5'",
          "4:16: test-subset must be an integer from 10 to 10000, got 'half'",
          "5:15: validation must be one of test, holdout, got 'hold-out'; did you mean 'holdout'?",
          "6:18: allow-partial must be true or false, got 'maybe'",
          "7:13: data-dir must be a directory path, got a list",
          "8:3: unknown key 'subset_seed' in dataset; did you mean 'subset-seed'?"), problems("""
          name: x
          dataset:
            train-subset: 5
            test-subset: half
            validation: hold-out
            allow-partial: maybe
            data-dir: [a]
            subset_seed: 1
          architecture: vgg11
          """));
    }

    @Test
    void dataDirMustBeAPath() {
      assertEquals(List.of("3:13: data-dir is not a valid path: Nul character not allowed"), problems("""
          name: x
          dataset:
            data-dir: "a\\0b"
          architecture: vgg11
          """));
    }

    @Test
    void holdOutImagesComeOutOfTheTrainingImages() {
      assertEquals(List.of(
          "4:17: train-subset (48000) plus holdout-size (5000) is more than the 50000 training images",
          "5:16: test-subset (6000) is larger than holdout-size (5000), the images that validation: holdout "
              + "evaluates on"), problems("""
          name: x
          dataset:
            validation: holdout
            train-subset: 48000
            test-subset: 6000
          architecture: vgg11
          """));
    }
  }

  @Nested
  class Defaults {

    @Test
    void wrongTypesSayWhatIsExpected() {
      assertEquals(List.of(
          "3:11: epochs must be a positive integer, got 'ten'",
          "4:15: batch-size must be a positive integer, got '12.5'",
          "5:25: optimizer.nesterov must be true or false, got 'sometimes'",
          "6:17: weight-decay must be a non-negative number, got a mapping",
          "7:20: log-every-steps must be a non-negative integer, got '-1'"), problems("""
          name: x
          defaults:
            epochs: ten
            batch-size: 12.5
            optimizer: {nesterov: sometimes}
            weight-decay: {l2: 1}
            log-every-steps: -1
          architecture: vgg11
          """));
    }

    @Test
    void impossibleValuesAreRefused() {
      assertEquals(List.of(
          "3:11: epochs must be a positive integer, got '0'",
          "5:9: optimizer.lr must be a positive number, got '0'",
          "6:15: optimizer.momentum must be a number in [0, 1), got '1'",
          "7:12: optimizer.beta2 must be a number in [0, 1), got '1.5'",
          "8:14: optimizer.epsilon must be a positive number, got '0'",
          "10:12: schedule.gamma must be a positive number, got '-1'",
          "11:18: schedule.step-epochs must be a positive integer, got '0'",
          "13:14: augmentation.padding must be an integer from 0 to 16, got '17'",
          "14:20: target-accuracy must be a fraction in (0, 1] such as 0.9, or a percentage such as 90%, got "
              + "'1.5'"), problems("""
          name: x
          defaults:
            epochs: 0
            optimizer:
              lr: 0
              momentum: 1
              beta2: 1.5
              epsilon: 0
            schedule:
              gamma: -1
              step-epochs: 0
            augmentation:
              padding: 17
            target-accuracy: 1.5
          architecture: vgg11
          """));
    }

    @Test
    void aTargetAccuracyInPercentGetsAHint() {
      assertEquals(List.of("2:40: target-accuracy must be a fraction in (0, 1] such as 0.9, or a percentage such "
          + "as 90%, got '93' (for 93 percent write 0.93 or 93%)", "3:28: target-accuracy must be a fraction in "
          + "(0, 1] such as 0.9, or a percentage such as 90%, got '120%'"), problems("""
          name: x
          defaults: {epochs: 1, target-accuracy: 93}
          matrix: {target-accuracy: [120%], architecture: vgg11}
          """));
    }

    @Test
    void unknownTypesListTheValidOnes() {
      assertEquals(List.of(
          "3:19: optimizer.type must be one of sgd, adam, got 'adamw'; did you mean 'adam'?",
          "4:13: schedule must be one of constant, step, cosine, one-cycle, got 'cosin'; did you mean 'cosine'?",
          "5:17: augmentation must be one of standard, none, got 'heavy'"), problems("""
          name: x
          defaults:
            optimizer.type: adamw
            schedule: cosin
            augmentation: heavy
          architecture: vgg11
          """));
    }

    @Test
    void unknownKeysSuggestTheNearestKey() {
      assertEquals(List.of(
          "3:3: unknown key 'lr' in defaults; did you mean 'optimizer.lr'?",
          "4:3: unknown key 'batch_size' in defaults; did you mean 'batch-size'?",
          "5:15: unknown key 'learning-rate' in defaults.optimizer; valid keys: type, lr, momentum, nesterov, "
              + "beta1, beta2, epsilon",
          "6:18: unknown key 'flip' in defaults.augmentation; valid keys: random-crop, padding, horizontal-flip, "
              + "normalize"), problems("""
          name: x
          defaults:
            lr: 0.1
            batch_size: 64
            optimizer: {learning-rate: 0.1}
            augmentation: {flip: true}
          architecture: vgg11
          """));
    }

    @Test
    void aSettingMayBeGivenOnce() {
      assertEquals(List.of("4:3: 'optimizer.lr' is set twice in defaults"), problems("""
          name: x
          defaults:
            optimizer: {lr: 0.1}
            optimizer.lr: 0.2
          architecture: vgg11
          """));
    }

    @Test
    void aGroupIsAMappingOrOneWord() {
      assertEquals(List.of("2:23: optimizer must be a mapping such as {type: ..., ...} or a single type, got a list"),
          problems("""
              name: x
              defaults: {optimizer: [sgd]}
              architecture: vgg11
              """));
    }
  }

  @Nested
  class CrossChecks {

    @Test
    void warmUpMustEndBeforeTraining() {
      // the cell with epochs=5 conflicts with the default warm-up: its value is where the problem shows
      assertEquals(List.of("6:12: schedule.warmup-epochs (5) must be less than epochs (5)"), problems("""
          name: x
          defaults:
            schedule: {type: one-cycle, warmup-epochs: 5}
          matrix:
            architecture: [vgg11]
            epochs: [5, 10]
          """));
    }

    @Test
    void aCellValueIsBlamedWhereItIsWritten() {
      assertEquals(List.of("6:18: schedule.min-lr (0.01) must be less than optimizer.lr (0.01)"), problems("""
          name: x
          defaults:
            schedule: {min-lr: 0.01}
          matrix:
            architecture: [vgg11]
            optimizer.lr: [0.01, 0.1]
          """));
    }

    @Test
    void batchesMustFitInTheTrainingImages() {
      assertEquals(List.of(
          "2:25: batch-size (128) is larger than dataset.train-subset (100): every batch would be incomplete, "
              + "and incomplete batches are dropped"), problems("""
          name: x
          dataset: {train-subset: 100}
          architecture: vgg11
          """));
      assertEquals(List.of(
          "5:21: batch-size (256) is larger than dataset.train-subset (200): every batch would be incomplete, "
              + "and incomplete batches are dropped"), problems("""
          name: x
          dataset: {train-subset: 200}
          matrix:
            architecture: [vgg11]
            batch-size: [128, 256]
          """));
    }
  }

  @Nested
  class Architectures {

    @Test
    void unknownArchitecturesListTheAvailableOnes() {
      assertEquals(List.of(
          "2:15: unknown architecture 'vgg' (available: baseline-cnn, resnet, vgg11)",
          "4:3: unknown architecture 'resnet50'; did you mean 'resnet'? (available: baseline-cnn, resnet, vgg11)",
          "6:28: unknown architecture 'alexnet' (available: baseline-cnn, resnet, vgg11)"), problems("""
          name: x
          architecture: vgg
          architectures:
            resnet50: {depth: 50}
          matrix:
            include: [{architecture: alexnet}]
          """));
    }

    @Test
    void hyperParametersAreCheckedByThePlugin() {
      assertEquals(List.of(
          "4:12: resnet.depth must be one of 18, 34, 50, got 51",
          "5:12: resnet.width must be between 0.25 and 4, got 8",
          "6:17: resnet.activation must be one of relu, gelu, Swish, got 'tanh'",
          "7:21: resnet.pre-activation must be true or false, got 'never'",
          "8:13: resnet.widths must be a list of integers, got element 'a'",
          "9:5: architecture 'resnet' has no hyper-parameter 'dept'; did you mean 'depth'?",
          "10:5: architecture 'resnet' has no hyper-parameter 'layers'; its hyper-parameters are: depth, width, "
              + "widths, activation, pre-activation",
          "12:5: architecture 'vgg11' has no hyper-parameters, so 'depth' cannot be set"), problems("""
          name: x
          architectures:
            resnet:
              depth: 51
              width: 8
              activation: tanh
              pre-activation: never
              widths: [16, a]
              dept: 18
              layers: 3
            vgg11:
              depth: 11
          architecture: resnet
          """));
    }

    @Test
    void matrixValuesOfHyperParametersAreCheckedOneByOne() {
      assertEquals(List.of(
          "4:22: resnet.depth must be one of 18, 34, 50, got 19",
          "4:26: resnet.depth must be an integer, got 'deep'",
          "5:19: resnet.widths must be a non-empty list of integers, e.g. [1, 2], got 16 (each matrix value of "
              + "'resnet.widths' is itself a list: write [[16, 32], [32, 64]])",
          "5:23: resnet.widths must be a non-empty list of integers, e.g. [1, 2], got 32 (each matrix value of "
              + "'resnet.widths' is itself a list: write [[16, 32], [32, 64]])",
          "6:3: architecture 'resnet' has no hyper-parameter 'dpth'; did you mean 'depth'?"), problems("""
          name: x
          matrix:
            architecture: [resnet]
            resnet.depth: [18, 19, deep]
            resnet.widths: [16, 32]
            resnet.dpth: [1]
          """));
    }

    @Test
    void aHyperParameterWithTwoLettersSwappedGetsASuggestion() {
      assertEquals(List.of("4:5: architecture 'resnet' has no hyper-parameter 'widht'; did you mean 'width'?"),
          problems("""
              name: x
              architectures:
                resnet:
                  widht: 2
              architecture: resnet
              """));
    }
  }

  @Nested
  class Matrix {

    @Test
    void anArchitectureIsRequired() {
      assertEquals(List.of("2:1: no architecture to train: list them in 'matrix: {architecture: [...]}' or in a "
          + "top-level 'architecture:'"), problems("""
          name: x
          matrix:
            optimizer.lr: [0.1]
          """));
      assertEquals(List.of("1:1: no architecture to train: list them in 'matrix: {architecture: [...]}' or in a "
          + "top-level 'architecture:'"), problems("""
          name: x
          """));
    }

    @Test
    void architectureIsGivenInOnePlace() {
      assertEquals(List.of("2:1: architecture is given both at the top level and in matrix; keep one"), problems("""
          name: x
          architecture: vgg11
          matrix: {architecture: [resnet]}
          """));
    }

    @Test
    void keysMustBeSettable() {
      assertEquals(List.of(
          "4:3: unknown key 'lr' in matrix; did you mean 'optimizer.lr'? (keys are 'architecture', a setting such "
              + "as 'optimizer.lr', or '<architecture>.<hyper-parameter>')",
          "5:3: 'optimizer' is a group of settings; in matrix name one setting, e.g. 'optimizer.type'",
          "6:3: unknown key 'resnt.depth' in matrix; did you mean 'resnet.depth'? (keys are 'architecture', a "
              + "setting such as 'optimizer.lr', or '<architecture>.<hyper-parameter>')",
          "7:3: unknown key 'dataset.train-subset' in matrix (keys are 'architecture', a setting such as "
              + "'optimizer.lr', or '<architecture>.<hyper-parameter>')"), problems("""
          name: x
          matrix:
            architecture: [resnet]
            lr: [0.1]
            optimizer: [sgd, adam]
            resnt.depth: [18]
            dataset.train-subset: [100, 1000]
          """));
    }

    @Test
    void valuesAreListsOfDistinctValidValues() {
      assertEquals(List.of(
          "4:17: matrix.optimizer.lr must list at least one value",
          "5:23: duplicate value 0.1 in matrix.weight-decay",
          "6:11: matrix.epochs must be a list of values, got a mapping",
          "7:25: optimizer.type must be one of sgd, adam, got 'rmsprop'",
          "8:17: unknown architecture 'vgg16'; did you mean 'vgg11'? (available: baseline-cnn, resnet, vgg11)"),
          problems("""
              name: x
              matrix:
                architecture: [vgg11]
                optimizer.lr: []
                weight-decay: [0.1, 1e-1]
                epochs: {min: 1, max: 3}
                optimizer.type: [sgd, rmsprop]
              architectures: {vgg16: {}}
              """));
    }

    @Test
    void aHyperParameterKeyNeedsItsArchitectureInTheMatrix() {
      assertEquals(List.of("4:3: 'resnet.depth' has no effect: no cell of the matrix trains architecture 'resnet'"),
          problems("""
              name: x
              matrix:
                architecture: [vgg11]
                resnet.depth: [18, 34]
              """));
    }

    @Test
    void excludeOnlyNamesMatrixKeysAndMustMatchACell() {
      assertEquals(List.of(
          "5:14: exclude key 'epochs' is not a matrix key; exclude removes cells by their matrix values "
              + "(architecture, optimizer.lr)"), problems("""
              name: x
              matrix:
                architecture: [vgg11, resnet]
                optimizer.lr: [0.01, 0.1]
                exclude: [{epochs: 3}]
              """));
      assertEquals(List.of("6:7: exclude entry matches no cell of the matrix"), problems("""
          name: x
          matrix:
            architecture: [vgg11, resnet]
            optimizer.lr: [0.01, 0.1]
            exclude:
              - {optimizer.lr: 0.001}
          """));
    }

    @Test
    void excludingEverythingLeavesNoCells() {
      assertEquals(List.of("2:1: the matrix has no cells: every combination is excluded"), problems("""
          name: x
          matrix:
            architecture: [vgg11]
            exclude: [{architecture: vgg11}]
          """));
    }

    @Test
    void includeEntriesAreMappings() {
      assertEquals(List.of(
          "5:7: each include entry must be a mapping such as {architecture: resnet18, optimizer.lr: 0.2}, got "
              + "'vgg11'",
          "6:7: empty include entry"), problems("""
              name: x
              matrix:
                architecture: [vgg11]
                include:
                  - vgg11
                  - {}
              """));
    }

    @Test
    void includeEntriesThatBecomeCellsNeedAnArchitectureTheirKeysApplyTo() {
      assertEquals(List.of(
          "6:7: include entry matches no cell and names no architecture, so it cannot be a cell of its own",
          "7:36: 'resnet.depth' does not apply to architecture 'baseline-cnn'"), problems("""
              name: x
              matrix:
                architecture: [vgg11]
                epochs: [1]
                include:
                  - {epochs: 2, batch-size: 8}
                  - {architecture: baseline-cnn, resnet.depth: 34}
              """));
    }

    @Test
    void everyCellNeedsAnArchitecture() {
      // the include entry gives only the epochs=1 cell an architecture
      assertEquals(List.of("2:1: cell {epochs=2} has no architecture: add 'architecture' to the matrix, or to an "
          + "include entry that matches it"), problems("""
          name: x
          matrix:
            epochs: [1, 2]
            include: [{epochs: 1, architecture: vgg11}]
          """));
    }

    @Test
    void tooManyRunsAreRefused() {
      assertEquals(List.of("2:1: 101 cells × 100 seeds is more than 10000 runs; split the experiment"), problems("""
          name: x
          matrix:
            architecture: [vgg11]
            epochs: %s
          seeds: 100
          """.formatted(java.util.stream.IntStream.rangeClosed(1, 101).boxed().toList())));
    }

    @Test
    void hugeMatricesAreRefusedBeforeExpansion() {
      String values = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
      assertEquals(List.of("2:1: the matrix has more than 10000 cells; split the experiment"), problems("""
          name: x
          matrix:
            architecture: [vgg11]
            epochs: %1$s
            batch-size: %1$s
            log-every-steps: %1$s
            schedule.step-epochs: %1$s
            augmentation.padding: [1, 2]
          """.formatted(values)));
    }
  }

  @Nested
  class Seeds {

    @Test
    void seedsAreDistinctNonNegativeIntegers() {
      assertEquals(List.of(
          "2:12: each seed must be a non-negative integer, got '-1'",
          "2:16: each seed must be a non-negative integer, got 'x'",
          "2:22: duplicate seed 2; each seed runs once, remove the repeat"), problems("""
          name: x
          seeds: [1, -1, x, 2, 2]
          architecture: vgg11
          """));
    }

    @Test
    void aSeedCountIsPositive() {
      assertEquals(List.of("2:8: seeds must be a list of integers such as [1, 2, 3], or a count from 1 to 1000, got "
          + "'0'"), problems("""
          name: x
          seeds: 0
          architecture: vgg11
          """));
    }

    @Test
    void seedsAreNotEmpty() {
      assertEquals(List.of("2:8: seeds must be a non-empty list of integers such as [1, 2, 3], or a count, got an "
          + "empty list; or give seeds per stream such as {init: [1, 2, 3]}"), problems("""
          name: x
          seeds: []
          architecture: vgg11
          """));
    }

    @Test
    void streamsAreInitDataOrderAndAugmentation() {
      assertEquals(List.of(
          "3:3: unknown seed stream 'shuffle'; valid keys: init, data-order, augmentation, all",
          "4:3: unknown seed stream 'data_order'; did you mean 'data-order'?"), problems("""
          name: x
          seeds:
            shuffle: [1, 2]
            data_order: [1, 2]
            init: [1]
          architecture: vgg11
          """));
    }

    @Test
    void streamSeedsAreDistinctNonNegativeIntegers() {
      assertEquals(List.of(
          "3:16: each init seed must be a non-negative integer, got '1.5'",
          "4:22: duplicate data-order seed 2; each data-order seed runs once, remove the repeat",
          "5:20: seeds.augmentation must be a non-empty list of integers such as [1, 2, 3], or a count, got an "
              + "empty list",
          "6:11: seeds.init must be a list of integers such as [1, 2, 3], or a count from 1 to 1000, got 'many'"),
          problems("""
          name: x
          seeds:
            - {init: [1, 1.5]}
            - {data-order: [2, 2]}
            - {augmentation: []}
            - init: many
          architecture: vgg11
          """));
    }

    @Test
    void plainSeedsAndSeedsPerStreamAreNotMixed() {
      assertEquals(List.of("2:9: seeds mixes plain seeds with seeds per stream; write this one as {all: [2]} (one "
          + "seed for all three streams)"), problems("""
          name: x
          seeds: [2, {init: [3]}]
          architecture: vgg11
          """));
    }

    @Test
    void seedsPerStreamNameAStream() {
      assertEquals(List.of("2:8: seeds per stream needs at least one of init, data-order, augmentation, all, e.g. "
          + "{init: [1, 2, 3]}"), problems("""
          name: x
          seeds: {}
          architecture: vgg11
          """));
    }

    @Test
    void allIsNotCrossedWithAStream() {
      assertEquals(List.of("2:10: seeds.all gives each run one seed for all three streams, so it cannot be crossed "
          + "with init; put it in a mapping of its own, e.g. [{all: [1, 2]}, {init: [3]}]"), problems("""
          name: x
          seeds: [{all: [1, 2], init: [3]}]
          architecture: vgg11
          """));
    }

    @Test
    void aHugeCrossProductOfStreamSeedsIsRefusedBeforeExpansion() {
      assertEquals(List.of("3:3: 1000 × 1000 × 1 seed combinations is more than 10000 runs; vary fewer streams at "
          + "once, e.g. [{init: 5}, {data-order: 5}]"), problems("""
          name: x
          seeds:
            init: 1000
            data-order: 1000
          architecture: vgg11
          """));
    }
  }

  @Nested
  class Report {

    @Test
    void theBaselineMustBeACell() {
      assertEquals(List.of("5:13: report.baseline 'resnet18' is not a cell of the matrix; did you mean 'resnet'? "
          + "(cells: 'baseline-cnn', 'resnet')"), problems("""
          name: x
          matrix:
            architecture: [baseline-cnn, resnet]
          report:
            baseline: resnet18
          """));
    }

    @Test
    void anArchitectureWithSeveralCellsIsAmbiguous() {
      assertEquals(List.of("6:13: report.baseline 'resnet' matches 2 cells; name one by its label: "
          + "'resnet depth=18', 'resnet depth=34'"), problems("""
          name: x
          matrix:
            architecture: [resnet]
            resnet.depth: [18, 34]
          report:
            baseline: resnet
          """));
    }

    @Test
    void reportKeysAreChecked() {
      assertEquals(List.of("4:3: unknown key 'base-line' in report; did you mean 'baseline'?"), problems("""
          name: x
          architecture: vgg11
          report:
            base-line: vgg11
          """));
    }
  }
}
