package dev.convbench.experiment;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An experiment file could not be used: it cannot be read, is not valid YAML, or does not describe a valid
 * experiment. Carries every problem found, in file order, so that a person can fix them all in one go.
 *
 * <p>It is checked on purpose: a bad experiment file is an expected, user-caused condition that every caller has
 * to turn into a message (the CLI prints {@link #getMessage()} and exits with status 2), never into a stack trace.
 */
public final class ExperimentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  /**
   * @param problems at least one problem
   */
  public ExperimentException(List<Problem> problems) {
    super(render(problems), null, false, false); // no stack trace: the problems are the whole story
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in file order (line, then column); never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String render(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an ExperimentException needs at least one problem");
    }
    return problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator()));
  }
}
