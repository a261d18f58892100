package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

/** Loads experiment text the way the CLI loads files, for tests that read as examples. */
final class ExperimentFiles {

  /** Where the test texts pretend to live: relative data-dirs resolve against /experiments. */
  static final Path SOURCE = Path.of("/experiments/exp.yaml");

  private ExperimentFiles() {
  }

  static Experiment load(String yaml) throws ExperimentException {
    return new ExperimentLoader().parse(yaml, SOURCE, FakePlugin.ALL);
  }

  /** The problems of a file that must not load, as {@code line:column: message}. */
  static List<String> problems(String yaml) {
    ExperimentException e = assertThrows(ExperimentException.class, () -> load(yaml));
    return e.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
  }
}
