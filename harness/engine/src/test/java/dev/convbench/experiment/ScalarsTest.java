package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScalarsTest {

  @Test
  void numbersAreReadFromTheirText() {
    assertEquals(OptionalDouble.of(5e-4), Scalars.number("5e-4"));
    assertEquals(OptionalDouble.of(1e-8), Scalars.number("1E-8"));
    assertEquals(OptionalDouble.of(0.5), Scalars.number(".5"));
    assertEquals(OptionalDouble.of(1000.5), Scalars.number("1_000.5"));
    assertEquals(OptionalDouble.of(-3), Scalars.number("-3"));
    assertEquals(OptionalDouble.empty(), Scalars.number("ten"));
    assertEquals(OptionalDouble.empty(), Scalars.number("1e999"));
    assertEquals(OptionalDouble.empty(), Scalars.number(".inf"));
    assertEquals(OptionalDouble.empty(), Scalars.number("."));
  }

  @Test
  void integersAreDecimalAndAsNarrowAsTheyFit() {
    assertEquals(Optional.of(10), Scalars.integer("10"));
    assertEquals(Optional.of(1_000_000), Scalars.integer("1_000_000"));
    assertEquals(Optional.of(5_000_000_000L), Scalars.integer("5000000000"));
    assertEquals(Optional.empty(), Scalars.integer("10.0"));
    assertEquals(Optional.empty(), Scalars.integer("99999999999999999999"));
  }

  @Test
  void booleansAreYaml11Words() {
    assertEquals(Optional.of(true), Scalars.bool("Yes"));
    assertEquals(Optional.of(false), Scalars.bool("off"));
    assertEquals(Optional.empty(), Scalars.bool("maybe"));
  }

  @Test
  void numbersDisplayCanonically() {
    assertEquals("0.1", Scalars.format(0.10));
    assertEquals("0.001", Scalars.format(1e-3));
    assertEquals("5e-4", Scalars.format(5e-4));
    assertEquals("1.5e-8", Scalars.format(1.5e-8));
    assertEquals("-2.5e-5", Scalars.format(-2.5e-5));
    assertEquals("2", Scalars.format(2.0));
    assertEquals("1234567", Scalars.format(1234567.0));
    assertEquals("1.2e7", Scalars.format(1.2e7));
    assertEquals("0", Scalars.format(0.0));
    assertEquals("[16, 32]", Scalars.format(List.of(16, 32)));
    assertEquals("none", Scalars.format(null));
  }
}
