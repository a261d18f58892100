package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.convbench.store.ResultStore;
import dev.convbench.store.RunStartInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partial-data notice of a many-run experiment counts the runs that share a data set and names only the
 * exceptions, read back through an HTML parser.
 */
class PartialDataNoticeTest {

  private static final String SUBSET = "data_batch_1.bin: 1,017 records; test_batch.bin: 1,017 records";
  private static final String SMALLER = "data_batch_1.bin: 500 records; test_batch.bin: 500 records";

  @TempDir
  Path tmp;

  /** Writes a 48-run matrix (12 cells × 4 seeds), run {@code i} starting with {@code info.apply(i)}. */
  private List<String> matrix(Path results, IntFunction<RunStartInfo> info) throws IOException {
    ResultStore store = new ResultStore(results);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      var spec = ResultsFixture.spec("cell-" + i / 4, "baseline-cnn", i % 4 + 1L);
      ResultsFixture.complete(store, spec, info.apply(i), new double[] {0.3, 0.4}, 5);
      ids.add(spec.runId());
    }
    return ids;
  }

  /** The notice's sentences after its heading and explanation. */
  private List<String> sentences(Path results) throws IOException {
    HtmlReportRenderer renderer =
        new HtmlReportRenderer(Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
    Element notice = ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report"))).byId("partial-data");
    List<String> paragraphs = notice.select("p").eachText();
    assertEquals("Some runs read data files holding fewer than the official 10,000 records each (the run was "
        + "started with partial data allowed). Their accuracies come from less data than the benchmark defines.",
        paragraphs.get(0));
    return paragraphs.subList(1, paragraphs.size());
  }

  @Test
  void allRunsOnOneSubsetAreCountedNotNamed() throws IOException {
    Path results = tmp.resolve("results");
    List<String> ids = matrix(results, i -> ResultsFixture.partialInfo(1017));

    List<String> sentences = sentences(results);

    assertEquals(List.of("All 48 runs saw: " + SUBSET), sentences);
    for (String id : ids) {
      assertFalse(String.join(" ", sentences).contains(id), "no run named: " + id);
    }
  }

  @Test
  void theExceptionsAreNamedAndTheRestCounted() throws IOException {
    Path results = tmp.resolve("results");
    List<String> ids = matrix(results, i -> i == 7 ? ResultsFixture.info(1_000, false)
        : i == 20 || i == 31 ? ResultsFixture.partialInfo(500) : ResultsFixture.partialInfo(1017));

    assertEquals(List.of("45 of 48 runs saw: " + SUBSET,
        "2 runs (" + ids.get(20) + ", " + ids.get(31) + ") saw: " + SMALLER,
        "1 run (" + ids.get(7) + ") read the full data set."), sentences(results));
  }

  @Test
  void aFewPartialRunsAmongFullOnesAreNamedAndTheFullOnesCounted() throws IOException {
    Path results = tmp.resolve("results");
    List<String> ids = matrix(results, i -> i == 3 ? ResultsFixture.partialInfo(1017)
        : ResultsFixture.info(1_000, false));

    assertEquals(List.of("1 run (" + ids.get(3) + ") saw: " + SUBSET, "The other 47 runs read the full data set."),
        sentences(results));
  }

  @Test
  void oneOrTwoRunsAreNotCalledAll() throws IOException {
    Path results = tmp.resolve("results");
    ResultStore store = new ResultStore(results);
    var spec = ResultsFixture.spec("cnn", "baseline-cnn", 1);
    ResultsFixture.complete(store, spec, ResultsFixture.partialInfo(1017), new double[] {0.3, 0.4}, 5);
    assertEquals(List.of("The run " + spec.runId() + " saw: " + SUBSET), sentences(results));

    ResultsFixture.complete(store, ResultsFixture.spec("cnn", "baseline-cnn", 2), ResultsFixture.partialInfo(1017),
        new double[] {0.3, 0.4}, 5);
    assertEquals(List.of("Both runs saw: " + SUBSET), sentences(results));
  }
}
