package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MetricsCsvTest {

  @Test
  void doublesRoundTripExactlyWhateverTheDefaultLocale() {
    double[] awkward = {0.1 + 0.2, 1.0 / 3, Double.MIN_VALUE, 1e300, -0.0, Double.NaN, Double.NEGATIVE_INFINITY,
        123456789.12345679};
    MetricsCsv.Columns epochColumns = new MetricsCsv.Columns(MetricsCsv.header(MetricsCsv.EPOCH_COLUMNS));
    MetricsCsv.Columns stepColumns = new MetricsCsv.Columns(MetricsCsv.header(MetricsCsv.STEP_COLUMNS));
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal comma: must not leak into the files
    try {
      for (double v : awkward) {
        EpochRecord epoch = new EpochRecord(1, v, v, v, v, v, v, v, v, v, v, v, v);
        StepLossRecord step = new StepLossRecord(7, 1, v, v);
        // Records compare doubles by bit pattern: -0.0 is not 0.0, and NaN equals itself.
        assertEquals(epoch, MetricsCsv.parseEpoch(epochColumns, MetricsCsv.split(MetricsCsv.format(epoch))));
        assertEquals(step, MetricsCsv.parseStep(stepColumns, MetricsCsv.split(MetricsCsv.format(step))));
      }
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void aLayerEventIsOneRowPerLayerWithItsKind() {
    LayerStatsRecord event = new LayerStatsRecord(LayerStatsRecord.Kind.EPOCH, 25, 1, List.of("conv1", "a,b"),
        new double[] {0.1, 0.2}, new double[] {1.5, 2.5}, new double[] {1e-3, Double.NaN});

    assertEquals("epoch,25,1,0,conv1,0.1,1.5,0.001\nepoch,25,1,1,\"a,b\",0.2,2.5,NaN", MetricsCsv.format(event));
  }

  @Test
  void theConfusionFileHasOneRowPerTrueLabel() {
    assertEquals("epoch,true_label,pred_0,pred_1\n2,0,4,0\n2,1,1,3\n",
        MetricsCsv.formatConfusion(2, new long[][] {{4, 0}, {1, 3}}));
    assertThrows(IllegalArgumentException.class, () -> MetricsCsv.formatConfusion(1, new long[][] {{1, 2}, {3}}));
  }

  @Test
  void csvCellsSplitLikeRfc4180() {
    assertArrayEquals(new String[] {"a", "", "b"}, MetricsCsv.split("a,,b"));
    assertArrayEquals(new String[] {"a,b", "c"}, MetricsCsv.split("\"a,b\",c"));
    assertArrayEquals(new String[] {"x", "say \"hi\"", ""}, MetricsCsv.split("x,\"say \"\"hi\"\"\","));
    assertThrows(IllegalArgumentException.class, () -> MetricsCsv.split("\"open,"));
    assertEquals("plain", MetricsCsv.quote("plain"));
    assertEquals("\"a,b\"", MetricsCsv.quote("a,b"));
    assertEquals("line break", MetricsCsv.quote("line\nbreak"));
  }
}
