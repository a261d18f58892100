package dev.convbench.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A declared parameter reads every value into its one type and refuses what its declaration does not allow. */
class HyperParameterTest {

  private static final HyperParameter<Integer> DEPTH = HyperParameter.integer("depth", 18, "layers").oneOf(18, 34);
  private static final HyperParameter<Integer> PADDING = HyperParameter.integer("padding", 0, "pixels").range(0, 2);
  private static final HyperParameter<Double> DROPOUT = HyperParameter.number("dropout", 0.5, "rate").range(0, 0.9);
  private static final HyperParameter<Boolean> SHORTCUT = HyperParameter.bool("shortcut", true, "skip connections");
  private static final HyperParameter<String> STEM = HyperParameter.string("stem", "cifar", "first layers")
      .oneOf("cifar", "imagenet");
  private static final HyperParameter<List<Integer>> BLOCKS = HyperParameter.integerList("blocks", List.of(1, 1),
      "layers per block").range(1, 64);

  @Test
  void integersOfEveryWidthBecomeOneInteger() {
    assertEquals(Integer.valueOf(34), DEPTH.value(34L));
    assertEquals(Integer.valueOf(34), DEPTH.value(BigInteger.valueOf(34)));
    assertEquals(Integer.valueOf(2), PADDING.value((short) 2));
  }

  @Test
  void anIntegerIsNeitherAFractionNorText() {
    assertEquals(Optional.of("must be an integer, got 18.0"), DEPTH.check(18.0));
    assertEquals(Optional.of("must be an integer, got 'abc'"), DEPTH.check("abc"));
    assertEquals(Optional.of("must be an integer, got nothing"), DEPTH.check(null));
  }

  @Test
  void anIntegerBeyondJavasIntIsRefusedRatherThanCut() {
    HyperParameter<Integer> units = HyperParameter.integer("units", 10, "units");
    assertEquals(Optional.of("must be between -2147483648 and 2147483647, got 5000000000"),
        units.check(5_000_000_000L));
    assertEquals(Optional.of("must be between 0 and 2, got 5000000000"), PADDING.check(5_000_000_000L));
  }

  @Test
  void numbersOfEveryKindBecomeOneDouble() {
    assertEquals(Double.valueOf(0.0), DROPOUT.value(0));
    assertEquals(Double.valueOf(0.25), DROPOUT.value(0.25f));
    assertEquals(Optional.of("must be a finite number, got NaN"), DROPOUT.check(Double.NaN));
    assertEquals(Optional.of("must be a number, got 'half'"), DROPOUT.check("half"));
  }

  @Test
  void rangesAndChoicesBoundTheValues() {
    assertEquals(Optional.of("must be one of 18, 34, got 50"), DEPTH.check(50));
    assertEquals(Optional.of("must be between 0 and 2, got 3"), PADDING.check(3));
    assertEquals(Optional.of("must be between 0 and 0.9, got 1"), DROPOUT.check(1.0));
    assertEquals(Optional.of("must be one of cifar, imagenet, got 'resnet'"), STEM.check("resnet"));
    assertEquals(Optional.empty(), STEM.check("imagenet"));
  }

  @Test
  void booleansAndStringsAreNotGuessedFromOtherTypes() {
    assertEquals(Optional.of("must be true or false, got 'yes'"), SHORTCUT.check("yes"));
    assertEquals(Optional.of("must be a string, got 1"), STEM.check(1));
  }

  @Test
  void aListIsReadElementByElement() {
    List<Integer> read = BLOCKS.value(new ArrayList<>(Arrays.asList(6L, 12, 24L, 16)));
    assertEquals(List.of(6, 12, 24, 16), read);
    assertThrows(UnsupportedOperationException.class, () -> read.add(1));
    assertEquals(Optional.of("must be a non-empty list of integers, e.g. [1, 2], got []"), BLOCKS.check(List.of()));
    assertEquals(Optional.of("must be a non-empty list of integers, e.g. [1, 2], got 4"), BLOCKS.check(4));
    assertEquals(Optional.of("must be a list of integers, got element 'a'"), BLOCKS.check(List.of(1, "a")));
    assertEquals(Optional.of("must be a list of integers, got element null"),
        BLOCKS.check(Arrays.asList(1, null)));
    assertEquals(Optional.of("each element must be between 1 and 64, got 100"), BLOCKS.check(List.of(1, 100)));
  }

  @Test
  void valueSaysWhatCheckSays() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEPTH.value(50));
    assertEquals("must be one of 18, 34, got 50", e.getMessage());
  }

  @Test
  void aDeclarationIsCheckedWhenItIsMade() {
    assertEquals("default of depth is invalid: must be one of 18, 34, got 50",
        assertThrows(IllegalArgumentException.class,
            () -> HyperParameter.integer("depth", 50, "layers").oneOf(18, 34)).getMessage());
    assertEquals("default of width is invalid: must be between 4 and 256, got 2",
        assertThrows(IllegalArgumentException.class,
            () -> HyperParameter.integer("width", 2, "channels").range(4, 256)).getMessage());
    assertEquals("choice 300 of width must be between 4 and 256, got 300",
        assertThrows(IllegalArgumentException.class,
            () -> HyperParameter.integer("width", 64, "channels").range(4, 256).oneOf(64, 300)).getMessage());
    assertEquals("stem is a string: only numbers have a range", assertThrows(IllegalArgumentException.class,
        () -> HyperParameter.string("stem", "cifar", "first layers").range(0, 1)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> HyperParameter.integer("Depth", 18, "layers"));
  }

  @Test
  void declarationsAreEqualWhenEverythingDeclaredIs() {
    assertEquals(DEPTH, HyperParameter.integer("depth", 18, "layers").oneOf(18, 34));
    assertEquals(DEPTH.hashCode(), HyperParameter.integer("depth", 18, "layers").oneOf(18, 34).hashCode());
    assertNotEquals(DEPTH, HyperParameter.integer("depth", 34, "layers").oneOf(18, 34));
    assertNotEquals(DEPTH, HyperParameter.integer("depth", 18, "layers"));
    assertNotEquals(PADDING, HyperParameter.number("padding", 0, "pixels").range(0, 2));
  }
}
