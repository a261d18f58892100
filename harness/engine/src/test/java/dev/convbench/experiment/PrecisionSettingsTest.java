package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.convbench.store.RunIdentities;
import dev.convbench.training.Hardware;
import dev.convbench.training.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code precision:} in defaults and in the matrix; part of a run's identity, except fp32 (the old default). */
class PrecisionSettingsTest {

  @Test
  void theDefaultIsFp32AndDefaultsOrTheMatrixChangeIt() throws ExperimentException {
    assertEquals(Precision.FP32, load("name: x\narchitecture: vgg11\n").runs().get(0).training().precision());
    assertEquals(Precision.BF16, load("name: x\narchitecture: vgg11\ndefaults: {precision: bf16}\n").runs().get(0)
        .training().precision());
    Experiment matrix = load("name: x\nmatrix:\n  architecture: [vgg11]\n  precision: [fp32, bf16]\n");
    assertEquals(List.of(Precision.FP32, Precision.BF16),
        matrix.runs().stream().map(r -> r.training().precision()).toList());
    assertEquals(List.of("vgg11__precision=fp32__s1", "vgg11__precision=bf16__s1"),
        matrix.runs().stream().map(RunSpec::runId).toList());
  }

  @Test
  void aWrongNameIsReportedWithItsPositionAndTheChoices() {
    assertEquals(List.of("3:23: precision must be one of fp32, bf16, fp16, auto, got 'fp64'"),
        problems("name: x\narchitecture: vgg11\ndefaults: {precision: fp64}\n"));
  }

  @Test
  void precisionIsPartOfTheIdentityButFp32KeepsTheDigestRunsHadBeforePrecisionExisted()
      throws ExperimentException {
    RunSpec fp32 = load("name: x\narchitecture: vgg11\n").runs().get(0);
    RunSpec bf16 = load("name: x\narchitecture: vgg11\ndefaults: {precision: bf16}\n").runs().get(0);
    // The digest this file had before precision existed: results written then must still match.
    assertEquals("d83094191919e60bc0235972e03265c002b4823f98825f94e1f06d005d345202", RunIdentities.specDigest(fp32));
    assertNotEquals(RunIdentities.specDigest(fp32), RunIdentities.specDigest(bf16));
  }

  @Test
  void autoBecomesWhatItMeansOnTheMachineBeforeIdentitiesAreComputed() throws ExperimentException {
    Experiment auto = load("name: x\narchitecture: vgg11\ndefaults: {precision: auto}\n");
    assertEquals(Precision.AUTO, auto.runs().get(0).training().precision());
    assertEquals(Precision.BF16, auto.withPrecisionResolved(Hardware.cpu("avx512_bf16")).runs().get(0)
        .training().precision());
    assertEquals(Precision.FP32, auto.withPrecisionResolved(Hardware.cpu("avx2")).runs().get(0)
        .training().precision());
    Experiment explicit = load("name: x\narchitecture: vgg11\ndefaults: {precision: bf16}\n");
    assertSame(explicit, explicit.withPrecisionResolved(Hardware.cpu()), "no auto: nothing to resolve");
  }
}
