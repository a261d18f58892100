package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.run.KeepModels;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The option values picocli converts with the CLI's own converters: durations and --keep-models. */
class ConvertersTest {

  private final DurationConverter durations = new DurationConverter();
  private final ResultsOptions.KeepModelsConverter keepModels = new ResultsOptions.KeepModelsConverter();

  @Test
  void durationsAsPeopleWriteThem() {
    assertEquals(Duration.ofMillis(250), durations.convert("250ms"));
    assertEquals(Duration.ofSeconds(90), durations.convert("90s"));
    assertEquals(Duration.ofSeconds(90), durations.convert("1.5m"));
    assertEquals(Duration.ofMinutes(5), durations.convert("5 min"));
    assertEquals(Duration.ofHours(2), durations.convert(" 2H "), "case and surrounding spaces do not matter");
    assertEquals(Duration.ofMinutes(5), durations.convert("PT5M"));
    assertEquals(Duration.ofMinutes(5), durations.convert("pt5m"));
  }

  @Test
  void aZeroNegativeOrUnreadableDurationIsRefused() {
    assertEquals("'0s' is not a positive duration",
        assertThrows(TypeConversionException.class, () -> durations.convert("0s")).getMessage());
    assertEquals("'PT-5M' is not a positive duration",
        assertThrows(TypeConversionException.class, () -> durations.convert("PT-5M")).getMessage());
    for (String bad : new String[] {"5", "5 days", "s", "-5s", "five minutes"}) {
      assertEquals("'" + bad + "' is not a duration; write e.g. 30s, 5m, 1h",
          assertThrows(TypeConversionException.class, () -> durations.convert(bad)).getMessage(), bad);
    }
  }

  @Test
  void keepModelsTakesTheLowerCaseNamesTheHelpShows() {
    assertEquals(KeepModels.LAST, keepModels.convert("last"));
    assertEquals(KeepModels.BEST, keepModels.convert("best"));
    assertEquals(KeepModels.NONE, keepModels.convert("none"));
    for (String bad : new String[] {"BEST", "all", ""}) {
      assertEquals("'" + bad + "' is not one of last, best, none",
          assertThrows(TypeConversionException.class, () -> keepModels.convert(bad)).getMessage(), bad);
    }
  }
}
