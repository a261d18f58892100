package dev.convbench.experiment;

import static dev.convbench.experiment.MatrixExpansionTest.orderedMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunNamingTest {

  @Test
  void labelsAndIdsNameEveryValueOfTheCell() {
    Map<String, Object> cell = orderedMap("architecture", "resnet18", "optimizer.lr", 0.1, "resnet18.widths",
        List.of(16, 32), "target-accuracy", null);

    assertEquals("resnet18 optimizer.lr=0.1 widths=[16, 32] target-accuracy=none", RunNaming.label(cell));
    assertEquals("resnet18__optimizer.lr=0.1__resnet18.widths=16-32__target-accuracy=none__s3",
        RunNaming.runId(cell, 3));
  }

  @Test
  void valuesThatAreNotFileSystemSafeAreSanitisedAndHashed() {
    String id = RunNaming.runId(orderedMap("architecture", "net", "net.mode", "A/B c"), 1);
    String other = RunNaming.runId(orderedMap("architecture", "net", "net.mode", "a-b-c"), 1);

    assertTrue(id.matches("net__net\\.mode=a-b-c__[0-9a-f]{8}__s1"), id);
    assertEquals("net__net.mode=a-b-c__s1", other);
    assertEquals(id, RunNaming.runId(orderedMap("architecture", "net", "net.mode", "A/B c"), 1), "stable");
    assertNotEquals(RunNaming.runId(orderedMap("architecture", "net", "net.mode", "A/B  c"), 1), id);
  }

  @Test
  void aDoubleUnderscoreInAValueCannotForgeASeparator() {
    String id = RunNaming.runId(orderedMap("architecture", "net", "net.mode", "x__s1"), 1);

    assertTrue(id.matches("net__net\\.mode=x-s1__[0-9a-f]{8}__s1"), id);
  }

  @Test
  void longIdsAreCutAndHashed() {
    Map<String, Object> cell = orderedMap("architecture", "resnet", "resnet.widths", List.of(
        100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900));

    String id = RunNaming.runId(cell, 12);

    assertEquals(RunNaming.CUT_BODY + "__".length() + 8 + "__s12".length(), id.length());
    assertTrue(id.matches("resnet__resnet\\.widths=100-200-.*__[0-9a-f]{8}__s12"), id);
  }
}
