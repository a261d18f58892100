package dev.convbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.analysis.ExperimentSummaries;
import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.RunSpec;
import dev.convbench.results.CellResult;
import dev.convbench.results.ExperimentSummary;
import dev.convbench.results.MetricResult;
import dev.convbench.results.ResultsReader;
import dev.convbench.results.StreamSeeds;
import dev.convbench.store.ResultStore;
import dev.convbench.training.RunSeeds;
import dev.convbench.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Sources of variance" section, read from the rendered page. */
class VarianceSourcesSectionTest {

  @TempDir
  Path tmp;

  private final HtmlReportRenderer renderer =
      new HtmlReportRenderer(Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));

  /**
   * Cell {@code cnn} varies each stream alone around seed 1 and has seeds 2 and 3 for all three; cell
   * {@code resnet} crosses init {1, 2} with augmentation {1, 2}. Made-up final accuracies; the expected standard
   * deviations are NumPy's ({@code np.std(values, ddof=1)}, pooled as {@code sqrt(Σ (n−1)·var / Σ (n−1))}).
   */
  @Test
  void showsTheSpreadEachVariedStreamAccountsForWithItsRuns() throws IOException {
    Map<RunSeeds, Double> cnn = new LinkedHashMap<>();
    cnn.put(RunSeeds.uniform(1), 0.600);
    cnn.put(new RunSeeds(2, 1, 1), 0.630);
    cnn.put(new RunSeeds(3, 1, 1), 0.580);
    cnn.put(new RunSeeds(1, 2, 1), 0.610);
    cnn.put(new RunSeeds(1, 3, 1), 0.605);
    cnn.put(new RunSeeds(1, 1, 2), 0.640);
    cnn.put(new RunSeeds(1, 1, 3), 0.560);
    cnn.put(RunSeeds.uniform(2), 0.620);
    cnn.put(RunSeeds.uniform(3), 0.590);
    Map<RunSeeds, Double> resnet = new LinkedHashMap<>();
    resnet.put(RunSeeds.uniform(1), 0.70);
    resnet.put(new RunSeeds(1, 1, 2), 0.72);
    resnet.put(new RunSeeds(2, 1, 1), 0.75);
    resnet.put(new RunSeeds(2, 1, 2), 0.71);
    Path results = results(Map.of("cnn", cnn, "resnet", resnet));

    Element section = ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report")))
        .byId("variance-sources");
    List<List<String>> rows = section.select("#variance-sources-table tbody tr").stream()
        .map(tr -> tr.select("td").eachText()).toList();
    assertEquals(List.of(
        List.of("cnn", "weight initialisation", "3", "2.52 pp"),
        List.of("cnn", "data order", "3", "0.50 pp"),
        List.of("cnn", "augmentation (crops, flips, dropout)", "3", "4.00 pp"),
        List.of("cnn", "all three together (one seed per run)", "3", "1.53 pp"),
        List.of("resnet", "weight initialisation", "4 in 2 sets", "2.55 pp"),
        List.of("resnet", "augmentation (crops, flips, dropout)", "4 in 2 sets", "2.24 pp")), rows);
  }

  @Test
  void theSummaryCarriesEachRunsStreamSeeds() throws IOException {
    Map<RunSeeds, Double> cnn = new LinkedHashMap<>();
    cnn.put(RunSeeds.uniform(1), 0.60);
    cnn.put(new RunSeeds(2, 1, 3), 0.63);
    Path results = results(Map.of("cnn", cnn, "resnet", Map.of(RunSeeds.uniform(4), 0.7)));
    ExperimentSummary summary = ExperimentSummaries.of(new ResultsReader(w -> {}).read(List.of(results)));
    CellResult cell = summary.cells().get(0);
    assertEquals(List.of(StreamSeeds.uniform(1), new StreamSeeds(2, 1, 3)),
        cell.runs().stream().map(CellResult.RunEntry::streamSeeds).toList());
    assertEquals(List.of(1L, 2L), cell.runs().stream().map(CellResult.RunEntry::seed).toList(),
        "seed: the one seed, or the initialisation seed");
    assertEquals(List.of(StreamSeeds.uniform(1), new StreamSeeds(2, 1, 3)),
        cell.primaryMetric().values().stream().map(MetricResult.Value::streamSeeds).toList());
  }

  @Test
  void saysSoWhenNoCellVariesAStreamAlone() throws IOException {
    Path results = ResultsFixture.standard(tmp.resolve("results"), "plain-seeds", "one seed per run");
    Element section = ReportDocument.read(renderer.render(List.of(results), tmp.resolve("report")))
        .byId("variance-sources");
    assertTrue(section.select("table").isEmpty(), section.outerHtml());
    assertTrue(section.text().contains("No cell varies one random stream while holding the others"),
        section.text());
  }

  private Path results(Map<String, Map<RunSeeds, Double>> cells) throws IOException {
    Path dir = tmp.resolve("results");
    ResultStore store = new ResultStore(dir);
    List<RunSpec> runs = new ArrayList<>();
    Map<RunSpec, Double> finals = new LinkedHashMap<>();
    for (String label : List.of("cnn", "resnet")) {
      cells.getOrDefault(label, Map.of()).forEach((seeds, accuracy) -> {
        String id = label + "__" + (seeds.isUniform() ? "s" + seeds.init()
            : "i" + seeds.init() + "-d" + seeds.dataOrder() + "-a" + seeds.augmentation());
        RunSpec spec = new RunSpec(id, label.equals("cnn") ? "baseline-cnn" : "resnet18", Map.of(),
            TrainingConfig.defaults().withEpochs(2), DatasetOptions.defaults(), seeds, Map.of(), label);
        runs.add(spec);
        finals.put(spec, accuracy);
      });
    }
    store.writeExperiment(new Experiment("variance", "made-up numbers", Path.of("exp.yaml"), "name: variance\n",
        DatasetOptions.defaults(), runs, null));
    for (RunSpec spec : runs) {
      double last = finals.get(spec);
      ResultsFixture.complete(store, spec, ResultsFixture.info(1_000_000, false), new double[] {last - 0.1, last},
          10);
    }
    return dir;
  }
}
