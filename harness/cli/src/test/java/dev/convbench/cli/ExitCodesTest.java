package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.data.DataException;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.Problem;
import dev.convbench.plugin.PluginDiscoveryException;
import dev.convbench.run.ExperimentRunner;
import dev.convbench.run.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How what a command throws, and how a matrix ends, become the exit code and the lines on standard error. */
class ExitCodesTest {

  @TempDir
  Path tmp;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CommandContext context = new CommandContext(new PrintStream(new ByteArrayOutputStream(), true,
      StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Path.of("."), false);

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aUsersMistakeIsExitCode2WithItsMessageAlone() {
    for (Exception mistake : List.of(new UserInputException("--shard 5/2 is out of range"),
        new DataException("no CIFAR-10 files in /nowhere"), new PluginDiscoveryException("two plugins named x"))) {
      err.reset();
      assertEquals(ExitCode.INVALID_INPUT, Main.handle(mistake, context, true), mistake.toString());
      assertEquals("error: " + mistake.getMessage() + System.lineSeparator(), err(),
          "one line, no stack trace even with --verbose");
    }
  }

  @Test
  void anInvalidExperimentFileListsEveryProblemThenTheCount() {
    Path file = Path.of("exp.yaml");
    ExperimentException invalid = new ExperimentException(List.of(new Problem(file, 3, 3, "unknown key 'epoch'"),
        Problem.wholeFile(file, "no architecture")));

    assertEquals(ExitCode.INVALID_INPUT, Main.handle(invalid, context, false));

    assertEquals(List.of("exp.yaml:3:3: unknown key 'epoch'", "exp.yaml: no architecture",
        "2 problems; nothing was run."), err().lines().toList());
  }

  /** A failure of the program is exit code 1: one line on the terminal, the stack trace in a log in the results. */
  @Test
  void aRuntimeFailureIsExitCode1WithItsStackTraceInALogFile() throws IOException {
    Exception cause = new IOException("No space left on device");
    ResultsFailure failure = new ResultsFailure(tmp, new IllegalStateException("cannot write run.json", cause));

    assertEquals(ExitCode.FAILURE, Main.handle(failure, context, false));

    Matcher line = Pattern.compile("error: cannot write run.json: No space left on device \\(details: (.+)\\)\\R")
        .matcher(err());
    assertTrue(line.matches(), err());
    Path log = Path.of(line.group(1));
    assertEquals(tmp, log.getParent(), "the log goes into the results directory");
    assertTrue(Files.readString(log).contains("Caused by: java.io.IOException: No space left on device"));
  }

  private int finish(ExperimentRunner.Summary summary, StopSignal stop) throws IOException {
    ResultsOptions options = new ResultsOptions();
    options.noReport = true; // the report needs the injector; what is checked here is the ending alone
    return options.finish(context, null, summary, tmp, stop, "convbench run exp.yaml");
  }

  private static ExperimentRunner.Summary summary(int completed, int diverged, int failed, int keptFailed,
      int lost) {
    return new ExperimentRunner.Summary(completed, diverged, failed, 1, keptFailed, List.of(), lost, List.of(),
        null);
  }

  @Test
  void aMatrixWhoseRunsAllCompletedIsExitCode0() throws IOException {
    assertEquals(ExitCode.OK, finish(summary(3, 0, 0, 0, 0), new StopSignal()));
    assertEquals("3 completed, 0 diverged, 0 failed, 1 kept from before", err().strip());
  }

  @Test
  void anyRunNotCompletedMakesExitCode3() throws IOException {
    assertEquals(ExitCode.RUNS_FAILED, finish(summary(2, 1, 0, 0, 0), new StopSignal()), "diverged");
    assertEquals(ExitCode.RUNS_FAILED, finish(summary(2, 0, 1, 0, 0), new StopSignal()), "failed");
    assertEquals(ExitCode.RUNS_FAILED, finish(summary(2, 0, 0, 1, 0), new StopSignal()), "left failed");
    assertEquals(ExitCode.RUNS_FAILED, finish(summary(2, 0, 0, 0, 1), new StopSignal()), "taken over");
    assertTrue(err().contains("1 left failed (--retry-failed)") && err().contains("1 taken over by other processes"),
        err());
  }

  @Test
  void aStopBySignalIs128PlusTheSignalAndSaysHowToContinue() throws IOException {
    StopSignal term = new StopSignal();
    term.request("TERM");
    ExperimentRunner.Summary stopped = new ExperimentRunner.Summary(1, 0, 0, 0, 0, List.of(), 0, List.of(),
        "resnet18__s1");
    assertEquals(ExitCode.INTERRUPTED_TERM, finish(stopped, term));
    assertEquals(143, ExitCode.INTERRUPTED_TERM, "128 + SIGTERM (15), as shells report it");
    assertTrue(err().contains("interrupted (resnet18__s1 continues from its checkpoint); to continue: convbench run "
        + "exp.yaml"), err());

    StopSignal interrupt = new StopSignal();
    interrupt.request("INT");
    interrupt.request("TERM");
    assertEquals(ExitCode.INTERRUPTED_INT, finish(stopped, interrupt), "the first signal decides");
    assertEquals(130, ExitCode.INTERRUPTED_INT, "128 + SIGINT (2)");
    assertFalse(err().contains("\tat "), "no stack trace");
  }
}
