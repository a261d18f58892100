package dev.convbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The runs of a results directory read straight from their files ({@code run.json}, {@code metrics.csv}) with a
 * JSON library and string splitting, not with the product's readers: what a report shows is checked against this.
 */
public final class StoredRuns {

  /**
   * One run directory.
   *
   * @param runId the directory's name
   * @param label the cell it belongs to
   * @param seed its seed
   * @param status the status its run.json records
   * @param testAccuracies the test accuracy of each epoch, from metrics.csv
   */
  public record Run(String runId, String label, long seed, String status, List<Double> testAccuracies) {

    public double finalAccuracy() {
      return testAccuracies.get(testAccuracies.size() - 1);
    }
  }

  private StoredRuns() {}

  /** Every run directory (one holding a run.json) of {@code results}, sorted by run id. */
  public static List<Run> read(Path results) throws IOException {
    List<Run> runs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(results)) {
      for (Path dir : dirs.filter(p -> Files.exists(p.resolve("run.json"))).sorted().toList()) {
        JsonNode json = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        runs.add(new Run(dir.getFileName().toString(), json.path("spec").path("label").asText(),
            json.path("spec").path("seed").asLong(), json.path("status").asText(),
            column(dir.resolve("metrics.csv"), "test_accuracy")));
      }
    }
    return runs;
  }

  /** Mean final test accuracy of each cell's completed runs, by cell label. */
  public static Map<String, Double> meanFinalAccuracy(List<Run> runs) {
    return runs.stream().filter(r -> r.status().equals("completed")).collect(Collectors.groupingBy(Run::label,
        TreeMap::new, Collectors.averagingDouble(Run::finalAccuracy)));
  }

  /** Runs of each cell, by label. */
  public static Map<String, Long> runsPerCell(List<Run> runs) {
    return runs.stream().collect(Collectors.groupingBy(Run::label, TreeMap::new, Collectors.counting()));
  }

  private static List<Double> column(Path csv, String name) throws IOException {
    if (!Files.exists(csv)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(csv);
    int index = Arrays.asList(lines.get(0).split(",")).indexOf(name);
    if (index < 0) {
      throw new IllegalStateException(csv + " has no column " + name);
    }
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> Double.parseDouble(l.split(",")[index]))
        .toList();
  }
}
