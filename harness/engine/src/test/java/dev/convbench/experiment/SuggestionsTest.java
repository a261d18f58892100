package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> KEYS = List.of("epochs", "batch-size", "optimizer.lr", "schedule.min-lr");

  @Test
  void editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
    assertEquals(0, Suggestions.distance("abc", "abc"));
    assertEquals(1, Suggestions.distance("epoch", "epochs"));
    assertEquals(1, Suggestions.distance("matrx", "matrix"));
    assertEquals(1, Suggestions.distance("ab", "ba"));
    assertEquals(1, Suggestions.distance("widht", "width"));
    assertEquals(3, Suggestions.distance("", "abc"));
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
  }

  @Test
  void suggestsTypoFixesOtherSpellingsAndDottedHomes() {
    assertEquals(Optional.of("epochs"), Suggestions.nearest("epoch", KEYS));
    assertEquals(Optional.of("batch-size"), Suggestions.nearest("Batch_Size", KEYS));
    assertEquals(Optional.of("optimizer.lr"), Suggestions.nearest("lr", KEYS));
    assertEquals(Optional.of("epochs"), Suggestions.nearest("epcohs", KEYS));
  }

  @Test
  void staysQuietWhenNothingIsClose() {
    assertEquals(Optional.empty(), Suggestions.nearest("ab", KEYS));
    assertEquals(Optional.empty(), Suggestions.nearest("learning-rate", KEYS));
    assertEquals("", Suggestions.didYouMean("zzz", KEYS));
    assertEquals("; valid keys: epochs, batch-size, optimizer.lr, schedule.min-lr",
        Suggestions.didYouMeanOrList("zzz", KEYS, "valid keys"));
  }
}
