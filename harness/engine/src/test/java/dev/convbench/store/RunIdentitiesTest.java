package dev.convbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.experiment.RunSpec;
import dev.convbench.results.RunIdentity;
import dev.convbench.results.RunSpecRecord;
import dev.convbench.training.RunSeeds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which settings of a run of an experiment file decide its identity, and which do not. */
class RunIdentitiesTest {

  private final RunSpec base = Fixtures.spec("r1");

  @Test
  void whatDoesNotChangeANumberDoesNotChangeTheIdentity() {
    String digest = RunIdentities.specDigest(base);
    RunSpec elsewhere = new RunSpec("renamed__s1", base.architecture(), reversed(base.hyperParameters()),
        base.training(), base.dataset().withDataDir(Path.of("/mnt/node7/cifar")).withAllowPartial(true), base.seeds(),
        Map.of("other", "cell"), "another label");
    assertEquals(digest, RunIdentities.specDigest(elsewhere));
  }

  @Test
  void everySettingThatDecidesTheNumbersChangesTheIdentity() {
    String digest = RunIdentities.specDigest(base);
    Map<String, Object> wider = new LinkedHashMap<>(base.hyperParameters());
    wider.put("width", 1.0);
    for (RunSpec changed : new RunSpec[] {
        with(base, base.training().withEpochs(4)),
        with(base, base.training().withBatchSize(64)),
        new RunSpec(base.runId(), base.architecture(), base.hyperParameters(), base.training(), base.dataset(), RunSeeds.uniform(2),
            base.cell(), base.label()),
        new RunSpec(base.runId(), base.architecture(), wider, base.training(), base.dataset(), base.seeds(),
            base.cell(), base.label()),
        new RunSpec(base.runId(), "vgg", base.hyperParameters(), base.training(), base.dataset(), base.seeds(),
            base.cell(), base.label()),
        new RunSpec(base.runId(), base.architecture(), base.hyperParameters(), base.training(),
            base.dataset().withTrainSubset(2000), base.seeds(), base.cell(), base.label())}) {
      assertNotEquals(digest, RunIdentities.specDigest(changed), changed.toString());
    }
  }

  @Test
  void dataContentCountsWhenBothSidesKnowIt() {
    RunIdentity onSubset = RunIdentities.of(base, "aaaa");
    assertTrue(onSubset.matches(RunIdentities.of(base, "aaaa")));
    assertFalse(onSubset.matches(RunIdentities.of(base, "bbbb")), "other data, other numbers");
    assertTrue(new RunIdentity(onSubset.spec(), null).matches(onSubset), "unknown data: settings decide");
    assertFalse(onSubset.matches(RunIdentities.of(with(base, base.training().withEpochs(9)), "aaaa")));
  }

  @Test
  void aRunWithOneSeedHasTheIdentityItHadBeforeStreamsCouldHaveSeedsOfTheirOwn() {
    RunSpecRecord written = RecordMapping.spec(base);
    RunSpecRecord asBefore = new RunSpecRecord(written.runId(), written.architecture(), written.hyperParameters(),
        written.training(), written.dataset(), written.seed(), written.cell(), written.label());
    assertEquals(RunIdentity.specDigest(asBefore), RunIdentities.specDigest(base));
  }

  @Test
  void eachStreamSeedIsPartOfTheIdentity() {
    Set<String> digests = new HashSet<>();
    List<RunSeeds> seeds = List.of(RunSeeds.uniform(1), RunSeeds.uniform(2), new RunSeeds(2, 1, 1),
        new RunSeeds(1, 2, 1), new RunSeeds(1, 1, 2), new RunSeeds(1, 2, 2), new RunSeeds(2, 2, 1));
    for (RunSeeds s : seeds) {
      digests.add(RunIdentities.specDigest(new RunSpec(base.runId(), base.architecture(), base.hyperParameters(),
          base.training(), base.dataset(), s, base.cell(), base.label())));
    }
    assertEquals(seeds.size(), digests.size(), "every choice of seeds has its own digest");
  }

  private static RunSpec with(RunSpec s, dev.convbench.training.TrainingConfig training) {
    return new RunSpec(s.runId(), s.architecture(), s.hyperParameters(), training, s.dataset(), s.seeds(), s.cell(),
        s.label());
  }

  private static Map<String, Object> reversed(Map<String, Object> map) {
    Map<String, Object> reversed = new LinkedHashMap<>();
    map.keySet().stream().sorted(java.util.Comparator.reverseOrder()).forEach(k -> reversed.put(k, map.get(k)));
    return reversed;
  }
}
