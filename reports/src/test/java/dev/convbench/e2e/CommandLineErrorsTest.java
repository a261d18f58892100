package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes on the command line get a message that says what is wrong in the user's words, and exit code 2. */
class CommandLineErrorsTest {

  @TempDir
  Path work;

  @Test
  void aHyperParameterWithoutValue() {
    Cli.Result r = Cli.run(work, "describe", "resnet", "-p", "depth");

    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("error: -p depth: no value (no '='); write -p NAME=VALUE, e.g. -p depth=34"),
        r.err().lines().toList());
  }

  @Test
  void aMisspeltHyperParameterSuggestsTheNearestName() {
    Cli.Result r = Cli.run(work, "describe", "resnet", "-p", "widht=32");

    assertEquals(2, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: resnet: architecture 'resnet' has no hyper-parameter 'widht'; did you mean"
        + " 'width'? parameters: depth (integer, default 18), "), r.err());
  }

  @Test
  void aHyperParameterForAnArchitectureWithoutAny() {
    Cli.Result r = Cli.run(work, "describe", "resnet18", "-p", "width=16");

    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("error: resnet18: architecture 'resnet18' has no hyper-parameters, so 'width' cannot be set"),
        r.err().lines().toList());
  }

  @Test
  void aHyperParameterWithoutKey() {
    Cli.Result r = Cli.run(work, "describe", "resnet", "--param", "=34");

    assertEquals(2, r.exitCode(), r.err());
    assertEquals(List.of("error: -p =34: no hyper-parameter name before '='; write -p NAME=VALUE, e.g. -p depth=34"),
        r.err().lines().toList());
  }

  @Test
  void repeatedHyperParametersStillApply() {
    Cli.Result r = Cli.run(work, "describe", "resnet", "-p", "depth=34", "--param", "width=16");

    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("layer4/block3"), "depth 34 has three blocks in its last stage: " + r.out());
  }
}
