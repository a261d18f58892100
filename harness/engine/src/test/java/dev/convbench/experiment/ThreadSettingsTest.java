package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convbench.store.RunIdentities;
import dev.convbench.training.Threads;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code threads:}: TensorFlow's thread counts for the experiment, outside every run's identity. */
class ThreadSettingsTest {

  @Test
  void oneCountSetsBothAndAMappingSetsEach() throws ExperimentException {
    assertEquals(Threads.both(2), load("name: x\nthreads: 2\narchitecture: vgg11\n").threads());
    assertEquals(new Threads(4, 1), load("name: x\nthreads: {intra-op: 4, inter-op: 1}\narchitecture: vgg11\n")
        .threads());
    assertEquals(new Threads(3, 0), load("name: x\nthreads: {intra-op: 3}\narchitecture: vgg11\n").threads());
    assertEquals(Threads.DEFAULT, load("name: x\narchitecture: vgg11\n").threads());
  }

  @Test
  void threadsDoNotChangeARunsIdentity() throws ExperimentException {
    assertEquals(RunIdentities.specDigest(load("name: x\narchitecture: vgg11\n").runs().get(0)),
        RunIdentities.specDigest(load("name: x\nthreads: 1\narchitecture: vgg11\n").runs().get(0)));
  }

  @Test
  void badCountsAndKeysAreReportedWithTheirPosition() {
    assertEquals(List.of("2:10: threads must be a thread count from 1 to 1024, got '0'"),
        problems("name: x\nthreads: 0\narchitecture: vgg11\n"));
    assertEquals(List.of("2:11: unknown key 'intra' in threads; valid keys: intra-op, inter-op"),
        problems("name: x\nthreads: {intra: 2}\narchitecture: vgg11\n"));
  }
}
