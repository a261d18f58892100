package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.convbench.training.NativeBuild;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convbench bench}: the step time, or a one-line verdict when the configuration does not train. */
class BenchTest {

  @TempDir
  Path work;

  @Test
  void aDivergingConfigurationIsReportedAsSuchInOneLine() {
    Cli.Result r = Cli.run(work, "bench", "diverging-fixture", "--steps", "2", "--warmup", "0");
    assertEquals(3, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("bench: diverging-fixture diverged: loss became "), r.err());
    assertEquals(1, r.err().lines().filter(l -> !l.startsWith("WARN")).count(), r.err());
  }

  @Test
  void theJsonResultDescribesTheTimedSteps() throws Exception {
    Cli.Result r = Cli.run(work, "bench", "baseline-cnn", "--steps", "5", "--warmup", "1", "--batch-size", "32",
        "--json", "--out", "bench.json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals(json, new ObjectMapper().readTree(work.resolve("bench.json").toFile()), "--out writes the same");
    assertEquals("baseline-cnn", json.path("architecture").asText());
    assertEquals(5, json.path("timedSteps").asInt());
    double median = json.path("medianStepMs").asDouble();
    assertTrue(json.path("minStepMs").asDouble() <= median && median <= json.path("maxStepMs").asDouble(), r.out());
    assertEquals(32 * 1000 / median, json.path("imagesPerSecond").asDouble(), 1e-6);
  }

  @Test
  void anOutFileWithoutADirectoryIsRefusedBeforeTiming() {
    Cli.Result r = Cli.run(work, "bench", "baseline-cnn", "--steps", "2", "--out", "missing/bench.json");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("error: --out missing/bench.json: no directory " + work.resolve("missing") + " to write it in",
        r.err().strip());
  }

  @Test
  void threadCountsReachTheSessionAndBadOnesAreRefused() throws Exception {
    Cli.Result one = Cli.run(work, "bench", "baseline-cnn", "--steps", "2", "--warmup", "0", "--batch-size", "16",
        "--threads", "1,1", "--json");
    assertEquals(0, one.exitCode(), one.err());
    assertEquals("intra-op 1, inter-op 1", new ObjectMapper().readTree(one.out()).path("threads").asText());
    Cli.Result bad = Cli.run(work, "bench", "baseline-cnn", "--threads", "0");
    assertEquals(2, bad.exitCode());
    assertEquals("error: --threads expects N or N,M with thread counts from 1 to 1024, not '0'\n", bad.err());
  }

  @Test
  void deviceCpuTrainsOnTheCpuAndAGpuThatCannotBeUsedIsRefused() throws Exception {
    Cli.Result cpu = Cli.run(work, "bench", "baseline-cnn", "--steps", "2", "--warmup", "0", "--batch-size", "16",
        "--device", "cpu", "--json");
    assertEquals(0, cpu.exitCode(), cpu.err());
    assertEquals("CPU", new ObjectMapper().readTree(cpu.out()).path("device").asText());
    assumeFalse(NativeBuild.loaded().gpuBuild(), "with the CPU build of TensorFlow no GPU can be used");
    Cli.Result gpu = Cli.run(work, "bench", "baseline-cnn", "--device", "gpu");
    assertEquals(2, gpu.exitCode(), gpu.err());
    assertTrue(gpu.err().startsWith("error: device gpu asked for, but TensorFlow cannot use a GPU here: "), gpu.err());
    assertEquals("", gpu.out());
  }
}
