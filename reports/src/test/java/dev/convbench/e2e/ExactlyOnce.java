package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a results directory written by several processes: every run completed once, by one attempt, and no two
 * attempts of a run were live at the same time unless the later one took over the earlier, stale one.
 */
final class ExactlyOnce {

  private ExactlyOnce() {}

  /** The attempt records of a run, oldest first. */
  static List<JsonNode> attempts(Path out, String runId) throws IOException {
    List<JsonNode> attempts = new ArrayList<>();
    Path dir = out.resolve(".claims").resolve(runId);
    if (!Files.isDirectory(dir)) {
      return attempts;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("attempt-\\d+\\.json")).sorted().toList()) {
        attempts.add(new ObjectMapper().readTree(f.toFile()));
      }
    }
    return attempts;
  }

  static void check(Path out, List<String> runIds, int epochs) throws IOException {
    for (String id : runIds) {
      Path run = out.resolve(id);
      assertEquals("completed", CliProcess.status(run), id);
      List<JsonNode> attempts = attempts(out, id);
      List<JsonNode> completed = attempts.stream().filter(a -> a.path("outcome").asText().equals("completed"))
          .toList();
      assertEquals(1, completed.size(), id + ": one completed attempt among " + attempts);
      assertEquals(completed.get(0).path("token").asText(),
          CliProcess.runJson(run).path("attempt").path("token").asText(), id + ": run.json written by that attempt");
      for (int i = 1; i < attempts.size(); i++) {
        JsonNode before = attempts.get(i - 1);
        JsonNode after = attempts.get(i);
        boolean tookOver = !after.path("takeover").isNull() && !after.path("takeover").isMissingNode();
        boolean releasedFirst = before.hasNonNull("releasedAt") && !Instant.parse(after.path("startedAt").asText())
            .isBefore(Instant.parse(before.path("releasedAt").asText()));
        assertTrue(tookOver || releasedFirst, id + ": attempt " + (i + 1) + " overlapped attempt " + i);
      }
      assertEquals(1 + epochs, Files.readAllLines(run.resolve("metrics.csv")).size(), id + ": every epoch once");
    }
    try (var entries = Files.list(out)) {
      assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith(".trash-")), "nothing half-deleted");
    }
  }
}
