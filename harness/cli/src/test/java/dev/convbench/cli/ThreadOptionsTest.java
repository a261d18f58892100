package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.training.Threads;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ThreadOptionsTest {

  @Command(name = "threaded")
  static final class ThreadedCommand {
    @Mixin
    ThreadOptions options;
  }

  private static final Threads FROM_FILE = new Threads(3, 5);

  private static Threads resolve(String... args) {
    ThreadedCommand command = new ThreadedCommand();
    new CommandLine(command).parseArgs(args);
    return command.options.resolve(FROM_FILE);
  }

  private static String error(String value) {
    return assertThrows(UserInputException.class, () -> resolve("--threads", value)).getMessage();
  }

  @Test
  void withoutTheOptionTheFilesSettingStands() {
    assertSame(FROM_FILE, resolve());
  }

  @Test
  void oneCountIsUsedForBothPools() {
    assertEquals(Threads.both(4), resolve("--threads", "4"));
    assertEquals(Threads.both(1), resolve("--threads=1"));
    assertEquals(Threads.both(1024), resolve("--threads", " 1024 "), "surrounding spaces are ignored");
  }

  @Test
  void twoCountsAreWithinAnOpThenAcrossOps() {
    assertEquals(new Threads(8, 2), resolve("--threads", "8,2"));
    assertEquals(new Threads(1, 1024), resolve("--threads", "1,1024"));
  }

  @Test
  void anythingElseIsRefusedWithTheValueQuoted() {
    for (String bad : new String[] {"0", "4,0", "1025", "1025,2", "2,1025", "-1", "x", "4,", ",4", "4,2,1", "4 ,2", "",
        "99999"}) {
      assertEquals("--threads expects N or N,M with thread counts from 1 to 1024, not '" + bad + "'", error(bad),
          bad);
    }
  }
}
