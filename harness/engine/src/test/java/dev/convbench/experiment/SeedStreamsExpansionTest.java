package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convbench.training.RunSeeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which runs each form of {@code seeds} makes, with their ids. */
class SeedStreamsExpansionTest {

  private static List<String> runIds(String seeds) throws ExperimentException {
    return load("""
        name: x
        architecture: baseline-cnn
        seeds: %s
        """.formatted(seeds)).runs().stream().map(RunSpec::runId).toList();
  }

  @Test
  void oneSeedDrivesAllThreeStreamsAsBefore() throws ExperimentException {
    Experiment e = load("""
        name: x
        architecture: [baseline-cnn, vgg11]
        seeds: [1, 2]
        """);
    assertEquals(List.of("baseline-cnn__s1", "vgg11__s1", "baseline-cnn__s2", "vgg11__s2"),
        e.runs().stream().map(RunSpec::runId).toList());
    assertEquals(List.of(RunSeeds.uniform(1), RunSeeds.uniform(1), RunSeeds.uniform(2), RunSeeds.uniform(2)),
        e.runs().stream().map(RunSpec::seeds).toList());
  }

  @Test
  void aMappingIsTheCrossProductInitOutermostAndAStreamLeftOutStaysAtSeedOne() throws ExperimentException {
    Experiment e = load("""
        name: x
        architecture: baseline-cnn
        seeds:
          augmentation: [1, 3]
          init: [1, 2]
        """);
    assertEquals(List.of(new RunSeeds(1, 1, 1), new RunSeeds(1, 1, 3), new RunSeeds(2, 1, 1), new RunSeeds(2, 1, 3)),
        e.runs().stream().map(RunSpec::seeds).toList());
    assertEquals(List.of("baseline-cnn__s1", "baseline-cnn__i1-d1-a3", "baseline-cnn__i2-d1-a1",
        "baseline-cnn__i2-d1-a3"), e.runs().stream().map(RunSpec::runId).toList(),
        "equal seeds are the run of that one seed, with its id");
    assertEquals(2, e.runs().get(2).seed(), "the seed run.json records: the initialisation seed");
  }

  @Test
  void aListOfMappingsIsTheUnionOfTheirRunsEachRunOnce() throws ExperimentException {
    assertEquals(List.of("baseline-cnn__s1", "baseline-cnn__i2-d1-a1", "baseline-cnn__i3-d1-a1",
        "baseline-cnn__i1-d2-a1", "baseline-cnn__i1-d3-a1", "baseline-cnn__i1-d1-a2", "baseline-cnn__i1-d1-a3"),
        runIds("[{init: 3}, {data-order: 3}, {augmentation: [1, 2, 3]}]"));
  }

  @Test
  void allListsRunsOfOneSeedAmongSeedsPerStream() throws ExperimentException {
    assertEquals(List.of("baseline-cnn__s1", "baseline-cnn__s2", "baseline-cnn__i2-d1-a1"),
        runIds("[{all: 2}, {init: [1, 2]}]"));
  }

  @Test
  void seedsPerStreamMayRepeatThePlainForm() throws ExperimentException {
    assertEquals(runIds("[4, 5]"), runIds("[{init: [4], data-order: [4], augmentation: [4]}, "
        + "{init: [5], data-order: [5], augmentation: [5]}]"));
  }
}
