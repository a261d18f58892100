package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.results.RunStatus;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

class PrecisionTest {

  @Test
  void autoIsBf16OnACpuWithBf16InstructionsFp16OnATensorCoreGpuElseFp32() {
    assertEquals(Precision.BF16, Precision.AUTO.resolve(Hardware.cpu("avx512f", "avx512_bf16")));
    assertEquals(Precision.BF16, Precision.AUTO.resolve(Hardware.cpu("amx_tile", "amx_bf16")));
    assertEquals(Precision.FP32, Precision.AUTO.resolve(Hardware.cpu("avx512f", "avx2")));
    assertEquals(Precision.FP16, Precision.AUTO.resolve(new Hardware(Set.of("avx512_bf16"), true, 86)));
    assertEquals(Precision.FP32, Precision.AUTO.resolve(new Hardware(Set.of("avx512_bf16"), true, 61)));
    assertEquals(Precision.BF16, Precision.BF16.resolve(Hardware.cpu()), "an explicit choice stands");
  }

  @Test
  void whatAutoMeantElsewhereIsComputedWhereAutoWouldChooseItOrItIsFp32() {
    Hardware plainCpu = Hardware.cpu("avx512f");
    Hardware bf16Cpu = Hardware.cpu("avx512_bf16");
    Hardware oldGpu = new Hardware(Set.of("avx512_bf16"), true, 61);
    Hardware tensorCoreGpu = new Hardware(Set.of("avx512_bf16"), true, 86);
    for (Hardware any : List.of(plainCpu, bf16Cpu, oldGpu, tensorCoreGpu)) {
      assertTrue(Precision.FP32.computedAsAutoOn(any), any.toString());
    }
    assertTrue(Precision.BF16.computedAsAutoOn(bf16Cpu));
    assertFalse(Precision.BF16.computedAsAutoOn(plainCpu), "emulated");
    assertFalse(Precision.BF16.computedAsAutoOn(tensorCoreGpu), "the bf16 rewriter leaves GPU ops alone");
    assertTrue(Precision.FP16.computedAsAutoOn(tensorCoreGpu));
    assertFalse(Precision.FP16.computedAsAutoOn(oldGpu), "no tensor cores");
    assertFalse(Precision.FP16.computedAsAutoOn(bf16Cpu), "the fp16 rewriter converts GPU ops only");
  }

  @Test
  void fp16IsRefusedWithoutAGpuAndTheMessageNamesTheAlternative() {
    String problem = Precision.FP16.problemOn(Hardware.cpu("avx512_bf16")).orElseThrow();
    assertTrue(problem.startsWith("precision fp16 needs a GPU"), problem);
    assertTrue(problem.endsWith("use bf16 (this CPU has AVX512_BF16) or auto"), problem);
    assertEquals("use fp32 or auto", Precision.FP16.problemOn(Hardware.cpu()).orElseThrow().replaceAll(".*; ", ""));
    assertTrue(Precision.FP16.problemOn(new Hardware(Set.of(), true, 80)).isEmpty());
    assertTrue(Precision.BF16.problemOn(Hardware.cpu()).isEmpty(), "emulated bf16 is slow, not wrong");
  }

  @Test
  void cpuFlagsAreReadFromTheFirstProcessor() {
    Set<String> flags = Hardware.flagsOf(List.of("processor\t: 0", "model name\t: Some CPU",
        "flags\t\t: fpu sse2 avx512f avx512_bf16 amx_tile", "", "processor\t: 1", "flags\t\t: fpu"));
    assertEquals(Set.of("fpu", "sse2", "avx512f", "avx512_bf16", "amx_tile"), flags);
    assertEquals("AVX512_BF16", new Hardware(flags, false, 0).cpuBf16Features());
  }

  private static Map<String, Integer> executedOpsByType(Precision precision, DataType type) {
    TrainingConfig cfg = new TrainingConfig(1, 20, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 5e-4,
        AugmentationConfig.standard(), null, 0, precision);
    Dataset data = SmallNet.data(40, 3);
    try (TrainingGraph graph = new TrainingGraph(new SmallNet(), HyperParameters.defaults(List.of()), cfg, 40, 40,
        ImageSet.CLASSES, RunSeeds.uniform(1), true, Threads.DEFAULT, DeviceSetting.AUTO)) {
      graph.load(data.train(), data.eval());
      graph.shuffle(1);
      Map<String, Integer> counts = new TreeMap<>();
      for (NodeDef node : graph.executedStep(0, 0)) {
        if (node.getAttrMap().containsKey("T") && node.getAttrMap().get("T").getType() == type) {
          counts.merge(node.getOp(), 1, Integer::sum);
        }
      }
      return counts;
    }
  }

  @Test
  void bf16RunsTheConvolutionsAndTheirGradientsInBfloat16AndKeepsTheUpdatesInFp32() {
    assumeTrue(Hardware.detect(false, 0).cpuHasBf16(), "oneDNN rewrites to bf16 only on CPUs with bf16 instructions");
    Map<String, Integer> bf16 = executedOpsByType(Precision.BF16, DataType.DT_BFLOAT16);
    assertTrue(bf16.keySet().stream().anyMatch(op -> op.contains("Conv2D")), bf16.toString());
    assertTrue(bf16.keySet().stream().anyMatch(op -> op.contains("Conv2DBackpropFilter")), bf16.toString());
    assertTrue(bf16.keySet().stream().noneMatch(op -> op.contains("Apply") || op.contains("Softmax")),
        bf16.toString());
    Map<String, Integer> fp32Updates = executedOpsByType(Precision.BF16, DataType.DT_FLOAT);
    assertTrue(fp32Updates.keySet().stream().anyMatch(op -> op.contains("ApplyMomentum")), fp32Updates.toString());
  }

  @Test
  void fp32RunsNothingInBfloat16() {
    assertEquals(Map.of(), executedOpsByType(Precision.FP32, DataType.DT_BFLOAT16));
  }

  @Test
  void anFp16GraphWithLossScalingTrainsOnACpu() {
    TrainingConfig cfg = new TrainingConfig(2, 20, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 5e-4,
        AugmentationConfig.standard(), null, 0, Precision.FP16);
    TrainingOutcome outcome = new Trainer().train(new SmallNet(), HyperParameters.defaults(List.of()), cfg,
        SmallNet.data(100, 3), 1, new TrainingListener() {});
    assertEquals(RunStatus.COMPLETED, outcome.status(), outcome.reason());
    assertTrue(outcome.epochs().get(1).trainLoss() < outcome.epochs().get(0).trainLoss(), outcome.epochs().toString());
  }
}
