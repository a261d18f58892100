package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convbench.store.RunIdentities;
import dev.convbench.training.DeviceSetting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code device:}: where an experiment's runs compute, outside every run's identity. */
class DeviceSettingsTest {

  @Test
  void eachSpellingIsReadAndAutoIsTheDefault() throws ExperimentException {
    assertEquals(DeviceSetting.AUTO, load("name: x\narchitecture: vgg11\n").device());
    assertEquals(DeviceSetting.CPU, load("name: x\ndevice: cpu\narchitecture: vgg11\n").device());
    assertEquals(DeviceSetting.ANY_GPU, load("name: x\ndevice: gpu\narchitecture: vgg11\n").device());
    assertEquals(DeviceSetting.gpu(1), load("name: x\ndevice: gpu:1\narchitecture: vgg11\n").device());
    assertEquals(DeviceSetting.AUTO, load("name: x\ndevice: auto\narchitecture: vgg11\n").device());
  }

  @Test
  void theDeviceDoesNotChangeARunsIdentity() throws ExperimentException {
    assertEquals(RunIdentities.specDigest(load("name: x\narchitecture: vgg11\n").runs().get(0)),
        RunIdentities.specDigest(load("name: x\ndevice: gpu:0\narchitecture: vgg11\n").runs().get(0)));
  }

  @Test
  void badValuesAreReportedWithTheirPosition() {
    assertEquals(List.of("2:9: device must be auto, cpu, gpu or gpu:N (N a GPU number from 0), got 'tpu'"),
        problems("name: x\ndevice: tpu\narchitecture: vgg11\n"));
    assertEquals(List.of("2:9: device must be auto, cpu, gpu or gpu:N (N a GPU number from 0), got 'gpu:-1'"),
        problems("name: x\ndevice: gpu:-1\narchitecture: vgg11\n"));
    assertEquals(List.of("3:9: device must be auto, cpu, gpu or gpu:N (N a GPU number from 0), got a mapping"),
        problems("name: x\narchitecture: vgg11\ndevice: {gpu: 1}\n"));
    assertEquals(List.of("2:1: unknown key 'devices' at top level; did you mean 'device'?"),
        problems("name: x\ndevices: cpu\narchitecture: vgg11\n"));
  }
}
