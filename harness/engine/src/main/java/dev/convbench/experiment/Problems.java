package dev.convbench.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one file while it is read, so that all of them can be reported together. Identical
 * problems (same position and message) are kept once: checks that run per matrix cell would otherwise repeat a
 * problem about a shared default for every cell.
 */
final class Problems {

  private final Path file;
  private final LinkedHashSet<Problem> problems = new LinkedHashSet<>();

  Problems(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** A problem at the start of {@code node}. */
  void at(Node node, String message) {
    at(node.getStartMark(), message);
  }

  /** A problem at a SnakeYAML mark (0-based), or at the start of the file when the mark is unknown. */
  void at(Mark mark, String message) {
    if (mark == null) {
      problems.add(new Problem(file, 1, 1, message));
    } else {
      problems.add(new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, message));
    }
  }

  void wholeFile(String message) {
    problems.add(Problem.wholeFile(file, message));
  }

  /** How many distinct problems were found so far; compare before and after a step to see whether it failed. */
  int count() {
    return problems.size();
  }

  /** Problems in file order; ties keep the order they were found in. */
  List<Problem> sorted() {
    List<Problem> list = new ArrayList<>(problems);
    list.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
    return list;
  }

  void throwIfAny() throws ExperimentException {
    if (!problems.isEmpty()) {
      throw new ExperimentException(sorted());
    }
  }
}
