package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * {@code convbench} alone and {@code convbench --help} list every command registered on {@link Main}, each with the
 * first line of its description: the list comes from the registration, so a new command cannot be left out.
 */
class CommandListTest {

  @TempDir
  Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** The registered commands, as their annotations declare them. */
  private static List<Command> registered() {
    return Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
        .map(c -> c.getAnnotation(Command.class)).toList();
  }

  private int convbench(String... args) {
    CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), work, false, work.resolve("home"), "Linux",
        Clock.systemUTC());
    return Main.execute(context, args);
  }

  /** The usage's list of commands, each entry's wrapped lines joined: "run Train every run … report." per line. */
  private static String commandsSection(String usage) {
    int start = usage.indexOf("\nCommands:\n");
    int end = usage.indexOf("\n\n", start + 1);
    assertTrue(start >= 0 && end > start, usage);
    return usage.substring(start, end).replaceAll("\\s+", " ");
  }

  @Test
  void withoutACommandEveryCommandIsNamedAndListedWithWhatItDoes() {
    int code = convbench();

    String usage = err.toString(StandardCharsets.UTF_8);
    List<String> names = registered().stream().map(Command::name).toList();
    assertEquals(ExitCode.INVALID_INPUT, code, usage);
    assertEquals("missing command: " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
        + names.get(names.size() - 1) + " (see --help)", usage.lines().findFirst().orElseThrow());
    for (Command command : registered()) {
      assertTrue(commandsSection(usage).contains(" " + command.name() + " " + command.description()[0].replace("%%", "%")),
          command.name() + ":\n" + usage);
    }
  }

  @Test
  void helpListsEveryCommandWithWhatItDoes() {
    int code = convbench("--help");

    String usage = out.toString(StandardCharsets.UTF_8);
    assertEquals(ExitCode.OK, code, err.toString(StandardCharsets.UTF_8));
    for (Command command : registered()) {
      assertTrue(commandsSection(usage).contains(" " + command.name() + " " + command.description()[0].replace("%%", "%")),
          command.name() + ":\n" + usage);
    }
  }
}
