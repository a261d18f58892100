package dev.convbench.e2e;

import dev.convbench.cli.CommandContext;
import dev.convbench.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real CLI in-process, capturing what it prints. */
final class Cli {

  record Result(int exitCode, String out, String err) {}

  private Cli() {}

  static Result run(Path workingDirectory, String... args) {
    return run(workingDirectory, Map.of(), args);
  }

  static Result run(Path workingDirectory, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      int code = Main.execute(new CommandContext(o, e, env, workingDirectory, false), args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
