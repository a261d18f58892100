package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIdentityTest {

  private final ResultsJson json = new ResultsJson();

  /**
   * A {@code run.json} of format 3 written before the precision setting existed (quickstart, baseline-cnn, seed 1):
   * it reads as fp32, and its digest is still the one written then, since fp32 stays out of the digest.
   */
  @Test
  void aRunWrittenBeforeThePrecisionSettingKeepsItsIdentity(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.json");
    try (InputStream in = getClass().getResourceAsStream("/run-json/format-3-before-precision.json")) {
      Files.copy(in, file);
    }
    RunRecord record = json.read(file, RunRecord.class);

    assertEquals(TrainingParameters.DEFAULT_PRECISION, record.spec().training().precision());
    assertEquals(record.identity().spec(), RunIdentity.specDigest(record.spec()), "the digest written then");
    // The whole training object differs: the precision is written now.
    for (String part : List.of("/spec/training/optimizer", "/spec/training/schedule", "/spec/dataset", "/identity")) {
      assertEquals(json.readTree(file).at(part), json.roundTripTree(record).at(part), "written back the same");
    }
  }

  /**
   * The same file as a release that records stream seeds writes it (all three equal to its seed): the same digest,
   * so the run is kept; stream seeds that differ are another run.
   */
  @Test
  void aRunWithOneSeedForAllStreamsKeepsItsIdentity(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("run.json");
    try (InputStream in = getClass().getResourceAsStream("/run-json/format-3-before-precision.json")) {
      Files.copy(in, file);
    }
    RunRecord record = json.read(file, RunRecord.class);
    RunSpecRecord old = record.spec();
    assertEquals(null, old.streamSeeds(), "not in the file");
    assertEquals(StreamSeeds.uniform(1), old.seeds());

    RunSpecRecord now = withSeeds(old, StreamSeeds.uniform(1));
    assertEquals(record.identity().spec(), RunIdentity.specDigest(now));
    Path written = dir.resolve("spec.json");
    Files.write(written, json.write(now));
    assertEquals(now, json.read(written, RunSpecRecord.class), "written and read back");
    assertEquals(List.of("augmentation", "dataOrder", "init"), fieldNames(json.readTree(written).get("streamSeeds")));

    assertNotEquals(record.identity().spec(), RunIdentity.specDigest(withSeeds(old, new StreamSeeds(1, 1, 2))));
    assertNotEquals(RunIdentity.specDigest(withSeeds(old, new StreamSeeds(1, 2, 1))),
        RunIdentity.specDigest(withSeeds(old, new StreamSeeds(1, 1, 2))));
  }

  private static RunSpecRecord withSeeds(RunSpecRecord s, StreamSeeds seeds) {
    return new RunSpecRecord(s.runId(), s.architecture(), s.hyperParameters(), s.training(), s.dataset(),
        seeds.init(), s.cell(), s.label(), seeds);
  }

  private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.stream().sorted().toList();
  }

  @Test
  void aPrecisionOtherThanTheDefaultIsPartOfTheDigest() {
    RunSpecRecord fp32 = RunFiles.spec("r1", 1);
    TrainingParameters t = fp32.training();
    RunSpecRecord bf16 = new RunSpecRecord(fp32.runId(), fp32.architecture(), fp32.hyperParameters(),
        new TrainingParameters(t.epochs(), t.batchSize(), t.optimizer(), t.schedule(), t.weightDecay(),
            t.augmentation(), t.targetAccuracy(), t.logEverySteps(), "bf16"), fp32.dataset(), fp32.seed(),
        fp32.cell(), fp32.label());
    RunSpecRecord unset = new RunSpecRecord(fp32.runId(), fp32.architecture(), fp32.hyperParameters(),
        new TrainingParameters(t.epochs(), t.batchSize(), t.optimizer(), t.schedule(), t.weightDecay(),
            t.augmentation(), t.targetAccuracy(), t.logEverySteps(), null), fp32.dataset(), fp32.seed(),
        fp32.cell(), fp32.label());

    assertNotEquals(RunIdentity.specDigest(fp32), RunIdentity.specDigest(bf16));
    assertEquals(RunIdentity.specDigest(fp32), RunIdentity.specDigest(unset));
  }

  @Test
  void dataContentCountsWhenBothSidesKnowIt() {
    RunIdentity onSubset = RunIdentity.of(RunFiles.spec("r1", 1), "aaaa");
    assertTrue(onSubset.matches(RunIdentity.of(RunFiles.spec("r1", 1), "aaaa")));
    assertFalse(onSubset.matches(RunIdentity.of(RunFiles.spec("r1", 1), "bbbb")), "other data, other numbers");
    assertTrue(new RunIdentity(onSubset.spec(), null).matches(onSubset), "unknown data: settings decide");
    assertFalse(onSubset.matches(RunIdentity.of(RunFiles.spec("r1", 2), "aaaa")), "another seed");
    assertEquals(12, onSubset.shortSpec().length());
  }
}
