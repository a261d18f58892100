package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convbench.store.RunIdentities;
import dev.convbench.training.CheckpointPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code defaults.checkpoint}: when runs write checkpoints, checked like every other setting, outside identity. */
class CheckpointSettingsTest {

  @Test
  void theFileSetsTheCadenceAndHowManyAreKept() throws ExperimentException {
    Experiment e = load("""
        name: x
        defaults:
          checkpoint: {every-epochs: 2, every-minutes: 30, keep: 3}
        architecture: vgg11
        """);
    assertEquals(new CheckpointPolicy(2, Duration.ofMinutes(30), 3), e.checkpoints());
    assertEquals(CheckpointPolicy.defaults(), load("name: x\narchitecture: vgg11\n").checkpoints());
  }

  @Test
  void checkpointSettingsDoNotChangeARunsIdentity() throws ExperimentException {
    Experiment plain = load("name: x\narchitecture: vgg11\n");
    Experiment often = load("name: x\ndefaults: {checkpoint: {every-minutes: 1, keep: 5}}\narchitecture: vgg11\n");
    assertEquals(RunIdentities.specDigest(plain.runs().get(0)), RunIdentities.specDigest(often.runs().get(0)));
  }

  @Test
  void badValuesAreReportedWithTheirPosition() {
    assertEquals(List.of("3:15: checkpoint must be a mapping such as {every-epochs: 1, every-minutes: 30, keep: 1}"),
        problems("""
            name: x
            defaults:
              checkpoint: 5
            architecture: vgg11
            """));
    assertEquals(List.of("3:39: checkpoint.keep must be a positive integer, got '0'",
        "3:42: unknown key 'every-hour' in defaults.checkpoint; valid keys: every-epochs, every-minutes, keep"),
        problems("""
            name: x
            defaults:
              checkpoint: {every-epochs: 1, keep: 0, every-hour: 1}
            architecture: vgg11
            """));
    assertEquals(List.of("2:33: 'checkpoint.keep' cannot vary in matrix: it changes no number, so every cell would "
        + "be the same run; set it in defaults"), problems("""
            name: x
            matrix: {architecture: [vgg11], checkpoint.keep: [1, 2]}
            """));
  }
}
