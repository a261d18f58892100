package dev.convbench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.convbench.training.DeviceSetting;
import dev.convbench.training.Devices;
import dev.convbench.training.Hardware;
import dev.convbench.training.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code precision: auto} in a shared results directory, through the command line: the first {@code run} records
 * what auto means on its machine, {@code plan} shows the recorded precision, and a directory whose record this
 * machine cannot compute is refused before anything is trained or moved.
 */
class SharedAutoPrecisionTest {

  @TempDir
  Path work;

  @Test
  void theFirstRunRecordsAutoAndADirectoryRecordedOnATensorCoreGpuIsRefusedHere() throws Exception {
    Hardware machine = Devices.hardware(DeviceSetting.AUTO);
    assumeFalse(machine.gpuHasTensorCores(), "this machine computes fp16 itself");
    Precision here = Precision.AUTO.resolve(machine);
    Path data = CifarFiles.write(work.resolve("cifar"), 30, 5);
    Path file = work.resolve("auto.yaml");
    Path out = work.resolve("out");
    Path manifest = out.resolve("experiment.json");
    Files.writeString(file, "name: auto\ndataset: {data-dir: " + data + ", allow-partial: true}\n"
        + "defaults: {epochs: 1, batch-size: 30, precision: auto}\narchitecture: baseline-cnn\n");

    Cli.Result first = Cli.run(work, "run", file.toString(), "--out", out.toString(), "--no-report");
    assertEquals(0, first.exitCode(), first.err());
    String recorded = "\"autoPrecision\" : \"" + here + "\"";
    assertTrue(Files.readString(manifest).contains(recorded), Files.readString(manifest));
    assertTrue(Files.readString(out.resolve("baseline-cnn__s1/run.json")).contains("\"precision\" : \"" + here + "\""));

    Cli.Result plan = Cli.run(work, "plan", file.toString(), "--out", out.toString());
    assertEquals(0, plan.exitCode(), plan.err());
    assertTrue(plan.out().contains("precision auto: " + here + ", as recorded in " + manifest), plan.out());
    assertTrue(plan.out().contains(": 1 done"), plan.out());

    // What the first process of the directory records on a machine with a tensor-core GPU.
    Files.writeString(manifest, Files.readString(manifest).replace(recorded, "\"autoPrecision\" : \"fp16\""));
    String runRecord = Files.readString(out.resolve("baseline-cnn__s1/run.json"));
    for (String command : new String[] {"run", "worker"}) {
      Cli.Result refused = Cli.run(work, command, file.toString(), "--out", out.toString(), "--no-report");
      assertEquals(2, refused.exitCode(), refused.err());
      assertEquals(1, refused.err().lines().count(), refused.err());
      assertTrue(refused.err().startsWith("error: " + manifest + " records precision auto as fp16, which this machine"
          + " does not compute: here auto means " + here + " ("), refused.err());
    }
    assertEquals(runRecord, Files.readString(out.resolve("baseline-cnn__s1/run.json")), "the run is untouched");
    assertFalse(Files.exists(out.resolve("superseded")), "nothing was set aside");
  }
}
