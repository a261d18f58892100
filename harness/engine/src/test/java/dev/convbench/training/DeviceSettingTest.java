package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.convbench.results.RunStatus;
import dev.convbench.spi.HyperParameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/** {@code device: auto | cpu | gpu | gpu:N}: its spellings, the session configuration each makes, what it runs on. */
class DeviceSettingTest {

  @Test
  void everySpellingParsesAndPrintsBack() {
    for (String text : List.of("auto", "cpu", "gpu", "gpu:0", "gpu:3", "gpu:1023")) {
      assertEquals(text, DeviceSetting.parse(text).orElseThrow().toString());
    }
    assertEquals(Optional.of(DeviceSetting.gpu(2)), DeviceSetting.parse(" gpu:2 "));
    assertEquals(DeviceSetting.Kind.GPU, DeviceSetting.parse("gpu").orElseThrow().kind());
    assertEquals(-1, DeviceSetting.parse("gpu").orElseThrow().gpuIndex());
  }

  @Test
  void otherSpellingsAreRefused() {
    for (String text : List.of("", "GPU", "cuda", "gpu:", "gpu:-1", "gpu:x", "gpu:1024", "gpu:0,1", "cpu:0", "tpu")) {
      assertEquals(Optional.empty(), DeviceSetting.parse(text), text);
    }
  }

  @Test
  void onlyGpuSettingsRequireAGpu() {
    assertTrue(DeviceSetting.ANY_GPU.requiresGpu());
    assertTrue(DeviceSetting.gpu(1).requiresGpu());
    assertFalse(DeviceSetting.AUTO.requiresGpu());
    assertFalse(DeviceSetting.CPU.requiresGpu());
  }

  @Test
  void cpuHidesEveryGpuAndGpuNShowsOnlyThatOne() {
    ConfigProto cpu = DeviceSetting.CPU.configure(ConfigProto.newBuilder()).build();
    assertEquals(Map.of("GPU", 0), cpu.getDeviceCountMap());
    assertEquals("", cpu.getGpuOptions().getVisibleDeviceList());

    ConfigProto second = DeviceSetting.gpu(1).configure(ConfigProto.newBuilder()).build();
    assertEquals("1", second.getGpuOptions().getVisibleDeviceList());
    assertEquals(Map.of(), second.getDeviceCountMap());

    // auto and gpu keep TensorFlow's defaults: every GPU visible, ops on the first.
    assertEquals(ConfigProto.getDefaultInstance(), DeviceSetting.AUTO.configure(ConfigProto.newBuilder()).build());
    assertEquals(ConfigProto.getDefaultInstance(),
        DeviceSetting.ANY_GPU.configure(ConfigProto.newBuilder()).build());
  }

  @Test
  void theSettingKeepsWhatTheConfigurationAlreadyHolds() {
    ConfigProto config = DeviceSetting.gpu(0).configure(ConfigProto.newBuilder().setAllowSoftPlacement(true)
        .setIntraOpParallelismThreads(2)).build();
    assertTrue(config.getAllowSoftPlacement());
    assertEquals(2, config.getIntraOpParallelismThreads());
    assertEquals("0", config.getGpuOptions().getVisibleDeviceList());
  }

  @Test
  void cpuIsNotProbedAndTheCpuBuildHasNoGpu() {
    assertEquals("CPU", Devices.detect(DeviceSetting.CPU));
    assumeFalse(NativeBuild.loaded().gpuBuild(), "the tests run with the CPU build of TensorFlow");
    assertEquals("CPU", Devices.detect(DeviceSetting.ANY_GPU));
    assertEquals("CPU", Devices.detect());
  }

  @Test
  void aTrainerWithDeviceCpuTrainsInASessionThatSeesNoGpu() {
    Trainer trainer = new Trainer().withDevice(DeviceSetting.CPU);
    assertEquals(DeviceSetting.CPU, trainer.device());
    assertEquals(DeviceSetting.AUTO, new Trainer().device());
    TrainingConfig cfg = new TrainingConfig(1, 20, Optimizer.defaults(), new LearningRateSchedule.Constant(0), 5e-4,
        AugmentationConfig.standard(), null, 1);
    TrainingOutcome outcome = trainer.train(new SmallNet(), HyperParameters.defaults(List.of()), cfg,
        SmallNet.data(40, 3), 1, new TrainingListener() {});
    assertEquals(RunStatus.COMPLETED, outcome.status(), outcome.reason());
    assertEquals(1, outcome.epochs().size());
  }
}
