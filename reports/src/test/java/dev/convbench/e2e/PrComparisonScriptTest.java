package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci/pr-comparison.sh}, run with a stand-in for the {@code convbench} launcher beside it (the real one builds
 * the project, which a test cannot afford): the arguments it passes, the exit code it passes through, the job summary
 * it appends to, and a stale comparison it never leaves behind.
 */
class PrComparisonScriptTest {

  @TempDir
  Path repo;

  private Path script() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(root.resolve("ci/pr-comparison.sh"))) {
      root = root.getParent();
    }
    Files.createDirectories(repo.resolve("ci"));
    Path script = Files.copy(root.resolve("ci/pr-comparison.sh"), repo.resolve("ci/pr-comparison.sh"));
    // The stand-in records its arguments, writes comparison.md into --out and exits with $EXIT.
    Path launcher = repo.resolve("convbench");
    Files.writeString(launcher, """
        #!/usr/bin/env bash
        printf '%s\\n' "$@" > "$ARGS_FILE"
        if [[ $EXIT != 2 ]]; then mkdir -p "$5" && echo '## comparison' > "$5/comparison.md"; fi
        exit "$EXIT"
        """);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private int run(Path script, String exit, Path summary, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    builder.environment().put("EXIT", exit);
    builder.environment().put("ARGS_FILE", repo.resolve("args.txt").toString());
    builder.environment().remove("GITHUB_STEP_SUMMARY");
    if (summary != null) {
      builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
    }
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    return process.waitFor();
  }

  @Test
  void itRunsCompareIntoTheOutputDirectoryAndPassesItsExitCodeThrough() throws Exception {
    Path script = script();
    assertEquals(0, run(script, "0", null, "base", "head", "out", "--fail-on", "accuracy-drop=1pp"));
    assertEquals(List.of("compare", "base", "head", "--out", "out", "--fail-on", "accuracy-drop=1pp"),
        Files.readAllLines(repo.resolve("args.txt")));

    Path summary = repo.resolve("step-summary.md");
    assertEquals(4, run(script, "4", summary, "base", "head", "out"));
    assertEquals("## comparison\n", Files.readString(summary, StandardCharsets.UTF_8), "appended to the job summary");

    assertEquals(2, run(script, "2", summary, "base", "head", "out"));
    assertFalse(Files.exists(repo.resolve("out/comparison.md")), "the previous call's comparison is gone");
    assertEquals("## comparison\n", Files.readString(summary), "nothing appended for a comparison not made");

    assertEquals(2, run(script, "0", null, "base", "head"), "usage: three arguments at least");
  }
}
