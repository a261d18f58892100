package dev.convbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CountedTest {

  @Test
  void oneIsSingularEverythingElsePlural() {
    assertEquals("0 runs", Counted.of(0, "run"));
    assertEquals("1 run", Counted.of(1, "run"));
    assertEquals("2 runs", Counted.of(2, "run"));
  }

  @Test
  void thousandsAreSeparatedWhateverTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertEquals("1,024 cells", Counted.of(1024, "cell"));
    } finally {
      Locale.setDefault(saved);
    }
  }
}
