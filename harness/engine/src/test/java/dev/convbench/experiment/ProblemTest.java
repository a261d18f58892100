package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void printsLikeACompilerMessage() {
    assertEquals("exp/a.yaml:3:11: epochs must be a positive integer, got 'ten'",
        new Problem(Path.of("exp/a.yaml"), 3, 11, "epochs must be a positive integer, got 'ten'").toString());
  }

  @Test
  void aProblemOfTheWholeFileHasNoPosition() {
    assertEquals("a.yaml: no such file", Problem.wholeFile(Path.of("a.yaml"), "no such file").toString());
  }

  @Test
  void positionsAreOneBased() {
    assertThrows(IllegalArgumentException.class, () -> new Problem(Path.of("a.yaml"), 0, 4, "x"));
    assertThrows(IllegalArgumentException.class, () -> new Problem(Path.of("a.yaml"), -1, -1, "x"));
  }

  @Test
  void theExceptionMessageListsEveryProblemOnItsOwnLine() {
    ExperimentException e = new ExperimentException(List.of(
        new Problem(Path.of("a.yaml"), 1, 7, "first"), new Problem(Path.of("a.yaml"), 2, 1, "second")));

    assertEquals("a.yaml:1:7: first" + System.lineSeparator() + "a.yaml:2:1: second", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ExperimentException(List.of()));
  }
}
