package dev.convbench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** The real CLI in a process of its own, for what an in-process run cannot show: concurrency, SIGKILL, SIGTERM. */
final class CliProcess {

  private CliProcess() {}

  /** Starts {@code convbench ARGS…} with the test's classpath, its output (both streams) going to {@code log}. */
  static Process start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), "dev.convbench.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  static Process start(Path log, String... args) throws IOException {
    return start(log, Map.of(), args);
  }

  /**
   * A process started by {@link #startWatching}.
   *
   * @param process the CLI's process
   * @param line completes with the first output line that was watched for; fails if the output ends without one
   */
  record Watched(Process process, CompletableFuture<String> line) {}

  /**
   * Starts {@code convbench ARGS…} like {@link #start}, but reads its output (both streams) itself: every line goes
   * to {@code log}, and the first that {@code wanted} accepts completes {@link Watched#line}, so a test can wait for
   * what the CLI says rather than poll the files it writes.
   */
  static Watched startWatching(Path log, Predicate<String> wanted, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx1g", "-cp",
        System.getProperty("java.class.path"), "dev.convbench.cli.Main"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread copier = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)); BufferedWriter out = Files.newBufferedWriter(log)) {
        for (String l = in.readLine(); l != null; l = in.readLine()) {
          out.write(l);
          out.newLine();
          out.flush();
          if (!line.isDone() && wanted.test(l)) {
            line.complete(l);
          }
        }
        line.completeExceptionally(new AssertionError("the output ended without the line waited for"));
      } catch (IOException e) {
        line.completeExceptionally(e);
      }
    }, "convbench output of pid " + process.pid());
    // Keeps draining after the line is found, so that the child never blocks on a full pipe.
    copier.setDaemon(true);
    copier.start();
    return new Watched(process, line);
  }

  /** Waits for {@code process} to end and returns its exit code; fails the test after {@code timeout}. */
  static int exitCode(Process process, Duration timeout, Path log) throws Exception {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + timeout + ": " + Files.readString(log));
    }
    return process.exitValue();
  }

  /** Polls {@code condition} every 50 ms until it holds, the process ends, or {@code timeout} passes. */
  static boolean await(BooleanSupplier condition, Process process, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  /** The {@code status} of a run directory's run.json; empty while it has none (or it is being replaced). */
  static String status(Path runDir) {
    JsonNode json = runJson(runDir);
    return json == null ? "" : json.path("status").asText();
  }

  /** A run directory's run.json, or null. */
  static JsonNode runJson(Path runDir) {
    try {
      Path file = runDir.resolve("run.json");
      return Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
        .toString();
  }
}
