package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.cli.ShownCommand.Notation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The README is the user's manual: every experiment file it shows is one the loader accepts (or refuses as it says),
 * every {@code convbench} command line it shows names commands and options this build has, and every sentence saying
 * which commands take an option is true. Nothing is trained or downloaded: command lines are checked against the
 * command tree, never run.
 *
 * <p>Each fenced block is read by the rule for its language (see {@link #RULES}); a block of another language fails
 * the test until it has a rule. A YAML block is validated as {@code exp.yaml} in an empty directory by
 * {@code convbench validate}, as:
 * <ul>
 *   <li>an <b>invalid example</b> when the line before it is {@code <!-- invalid: expects "TEXT" -->} (several quoted
 *       texts allowed; {@code …} in one matches anything): validate must exit 2 with each text as a line of its
 *       output; or {@code <!-- invalid: expects the output below -->}: the {@code text} block after it is the output,
 *       line by line;
 *   <li>a <b>whole file</b> when it has a top-level {@code name};
 *   <li>else a <b>fragment</b> (a {@code seeds:} section, say): its top-level keys are put into {@link #MINIMAL}, in
 *       place of that file's keys of the same name, and the result must be valid.
 * </ul>
 * A block that is not a YAML mapping cannot be classified and fails.
 */
class ReadmeTest {

  /** The experiment a fragment completes: a name and one architecture. */
  static final Map<String, String> MINIMAL = Map.of("name", "name: fragment",
      "matrix", "matrix: {architecture: [baseline-cnn]}");

  /** What each block language is, and what checks it. */
  static final Map<String, String> RULES = Map.of(
      "yaml", "an experiment file or a fragment of one: validated (this test)",
      "sh", "shell commands: every convbench command line checked (this test)",
      "bash", "as sh",
      "shell", "as sh",
      "", "shell commands, as sh; or, first under '## Commands', the command summary (this test)",
      "text", "program output, shown as is (an invalid example's expected output is checked, this test)",
      "java", "the plugin example: compiled, packaged and trained by ExternalPluginJarTest (reports)",
      "xml", "the plugin's POM fragment: shown, not checked (ExternalPluginJarTest builds the jar with javac)");

  private static final Set<String> SHELL_LANGUAGES = Set.of("sh", "bash", "shell", "");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--?[a-z][\\w-]*");
  private static final Path REPOSITORY = Readme.FILE.getParent();

  @TempDir
  Path work;

  @Test
  void everyBlockIsOfALanguageWithARule() throws IOException {
    List<String> unknown = Readme.read().blocks().stream().filter(b -> !RULES.containsKey(b.language()))
        .map(b -> where(b.line()) + "a ```" + b.language() + " block, which ReadmeTest has no rule for").toList();

    assertTrue(unknown.isEmpty(), () -> String.join("\n", unknown) + "\nlanguages with a rule: " + RULES.keySet());
  }

  @Test
  void everyExperimentFileIsValidOrRefusedAsShown() throws IOException {
    List<String> problems = experimentProblems(Readme.read());

    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void eachRuleForExperimentFilesFailsOnWhatItShould() throws IOException {
    String markdown = """
        ```yaml
        name: whole
        architecture: baseline-cnn
        ```
        ```yaml
        seeds: {init: 2}
        ```
        <!-- invalid: expects "exp.yaml:3:3: unknown key 'epoch' in defaults; did you mean …?" -->
        ```yaml
        name: typo
        defaults:
          epoch: 4
        architecture: baseline-cnn
        ```
        ```yaml
        name: whole
        architecture: resnet-18
        ```
        ```yaml
        seeds: {inti: 2}
        ```
        <!-- invalid: expects "exp.yaml:3:3: unknown key 'epochs'" -->
        ```yaml
        name: typo
        defaults:
          epoch: 4
        architecture: baseline-cnn
        ```
        ```yaml
        - a list
        ```
        """;

    List<String> problems = experimentProblems(Readme.parse(Path.of("README.md"), markdown));

    assertEquals(List.of("README.md:15: validate exits 2", "README.md:19: (a fragment, completed as",
        "README.md:23: validate does not print \"exp.yaml:3:3: unknown key 'epochs'\"; it prints",
        "README.md:29: a YAML block that is neither an experiment file nor a fragment of one (a mapping)"),
        problems.stream().map(p -> p.lines().findFirst().orElseThrow().replaceFirst(":$", "")).toList());
  }

  private List<String> experimentProblems(Readme readme) throws IOException {
    List<String> problems = new ArrayList<>();
    List<Readme.Block> blocks = readme.blocks();
    for (int i = 0; i < blocks.size(); i++) {
      Readme.Block block = blocks.get(i);
      if (block.language().equals("yaml")) {
        problems.addAll(experimentProblems(block, i + 1 < blocks.size() ? blocks.get(i + 1) : null));
      }
    }
    return problems;
  }

  @Test
  void everyCommandLineNamesCommandsAndOptionsThatExist() throws IOException {
    List<String> problems = new ArrayList<>();
    for (ShownCommand command : shownCommands(Readme.read())) {
      command.problems(REPOSITORY).forEach(p -> problems.add(where(command.line()) + command.text() + ": " + p));
    }

    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  /** Every command in the summary, with a description that names only options the command has. */
  @Test
  void theCommandSummaryShowsEveryCommandWithWhatItDoes() throws IOException {
    List<SummaryEntry> entries = summary(Readme.read());
    Set<String> shown = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (SummaryEntry entry : entries) {
      shown.add(entry.command().command());
      if (entry.purpose().isBlank()) {
        problems.add(where(entry.command().line()) + entry.command().text() + ": says nothing of what it does");
      }
      entry.command().problems(REPOSITORY).forEach(p -> problems.add(where(entry.command().line()) + p));
      OPTION.matcher(entry.purpose()).results().map(MatchResult::group)
          .filter(option -> entry.command().spec().findOption(option) == null)
          .forEach(option -> problems.add(where(entry.command().line()) + entry.command().command()
              + " has no option " + option + ", which its description mentions"));
    }
    Set<String> missing = new TreeSet<>(leafCommands(ShownCommand.commandTree()));
    missing.removeAll(shown);
    missing.forEach(c -> problems.add("the summary under '## Commands' does not show " + c));

    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  /**
   * A sentence saying which commands take an option: "`run`, `worker` and `bench` take `--device …` … and
   * `--threads …`." (the commands, then each option in a code span up to the sentence's end).
   */
  private static final Pattern COMMANDS_TAKE = Pattern.compile(
      "((?:`[a-z]+`(?:,\\s+|\\s+and\\s+))*`[a-z]+`)\\s+(?:also\\s+)?takes?\\s+(.*?)(?:\\.\\s|$)", Pattern.DOTALL);

  @Test
  void everyCommandTheTextSaysTakesAnOptionHasIt() throws IOException {
    Readme readme = Readme.read();
    Map<String, CommandLine> commands = ShownCommand.commandTree().getSubcommands();
    List<String> problems = new ArrayList<>();
    Matcher sentence = COMMANDS_TAKE.matcher(readme.prose());
    while (sentence.find()) {
      List<String> named = Pattern.compile("`([a-z]+)`").matcher(sentence.group(1)).results()
          .map(m -> m.group(1)).toList();
      if (!commands.keySet().containsAll(named)) {
        continue; // not about commands
      }
      int line = 1 + (int) readme.prose().substring(0, sentence.start()).chars().filter(c -> c == '\n').count();
      List<String> options = Pattern.compile("`(--[a-z][a-z-]*)").matcher(sentence.group(2)).results()
          .map(m -> m.group(1)).toList();
      for (String command : named) {
        options.stream().filter(o -> commands.get(command).getCommandSpec().findOption(o) == null)
            .forEach(o -> problems.add(where(line) + "says " + command + " takes " + o + ", which it does not"));
      }
    }

    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  /**
   * The command lines of the README's shell blocks and of the code spans of its text; the summary's are checked with
   * it.
   */
  static List<ShownCommand> shownCommands(Readme readme) {
    List<ShownCommand> commands = new ArrayList<>();
    List<Readme.Block> summaryBlocks = readme.blocksIn("Commands").stream().limit(1).toList();
    for (Readme.Block block : readme.blocks()) {
      if (SHELL_LANGUAGES.contains(block.language()) && !summaryBlocks.contains(block)) {
        commands.addAll(ShownCommand.in(block.text(), block.line() + 1, Notation.SHELL));
      }
    }
    for (Readme.Span span : readme.spans()) {
      commands.addAll(ShownCommand.in(span.text(), span.line(), Notation.SYNOPSIS));
    }
    return commands;
  }

  /**
   * One command of the summary.
   *
   * @param command its synopsis
   * @param purpose what the summary says it does
   */
  record SummaryEntry(ShownCommand command, String purpose) {}

  /**
   * The command summary: the first block under {@code ## Commands}. An entry starts at a line starting with
   * {@code convbench} and goes on over the indented lines after it; two or more spaces separate its synopsis from
   * what it does, and an indented line starting with {@code [} or {@code -} continues the synopsis, any other the
   * description.
   */
  static List<SummaryEntry> summary(Readme readme) {
    List<SummaryEntry> entries = new ArrayList<>();
    List<Readme.Block> blocks = readme.blocksIn("Commands");
    if (blocks.isEmpty()) {
      return entries;
    }
    Readme.Block block = blocks.get(0);
    List<String> lines = block.text().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("convbench")) {
        continue;
      }
      String[] first = lines.get(i).split(" {2,}", 2);
      StringBuilder synopsis = new StringBuilder(first[0]);
      StringBuilder purpose = new StringBuilder(first.length > 1 ? first[1] : "");
      int line = block.line() + 1 + i;
      for (; i + 1 < lines.size() && lines.get(i + 1).startsWith(" "); i++) {
        String more = lines.get(i + 1).strip();
        boolean continuesSynopsis = purpose.isEmpty() && (more.startsWith("[") || more.startsWith("-"));
        (continuesSynopsis ? synopsis : purpose).append(' ').append(more);
      }
      for (ShownCommand command : ShownCommand.in(synopsis.toString(), line, Notation.SYNOPSIS)) {
        entries.add(new SummaryEntry(command, purpose.toString().strip()));
      }
    }
    return entries;
  }

  private static Set<String> leafCommands(CommandLine tree) {
    Set<String> leaves = new TreeSet<>();
    if (tree.getSubcommands().isEmpty()) {
      leaves.add(tree.getCommandSpec().qualifiedName());
    }
    tree.getSubcommands().values().forEach(sub -> leaves.addAll(leafCommands(sub)));
    return leaves;
  }

  private List<String> experimentProblems(Readme.Block block, Readme.Block next) throws IOException {
    String at = where(block.line());
    if (block.note().startsWith("invalid:")) {
      List<String> expected;
      boolean whole = block.note().contains("the output below");
      if (whole) {
        if (next == null || !next.language().equals("text")) {
          return List.of(at + "'expects the output below', but no ```text block follows");
        }
        expected = next.text().lines().toList();
      } else {
        expected = QUOTED.matcher(block.note()).results().map(m -> m.group(1).replace("\\\"", "\"")).toList();
      }
      if (expected.isEmpty()) {
        return List.of(at + "an invalid example must say what it expects: <!-- invalid: expects \"TEXT\" -->");
      }
      Validation v = validate(block.text());
      List<String> problems = new ArrayList<>();
      if (v.exitCode() != ExitCode.INVALID_INPUT) {
        problems.add(at + "marked invalid, but validate exits " + v.exitCode() + ": " + v.output());
      }
      List<String> output = v.output().lines().toList();
      if (whole && output.size() != expected.size()) {
        problems.add(at + "the output below has " + expected.size() + " lines, validate prints " + output.size()
            + ":\n" + v.output());
      }
      for (int i = 0; i < expected.size(); i++) {
        Pattern shown = wildcard(expected.get(i));
        boolean matches = whole ? i < output.size() && shown.matcher(output.get(i)).matches()
            : output.stream().anyMatch(l -> shown.matcher(l).matches());
        if (!matches) {
          problems.add(at + "validate does not print \"" + expected.get(i) + "\"; it prints:\n" + v.output());
        }
      }
      return problems;
    }
    Object parsed;
    try {
      parsed = new Yaml().load(block.text());
    } catch (RuntimeException e) {
      return List.of(at + "a YAML block that is not YAML (" + e.getMessage().lines().findFirst().orElse("") + "); "
          + "mark an invalid example with <!-- invalid: expects \"TEXT\" -->");
    }
    if (!(parsed instanceof Map<?, ?> keys)) {
      return List.of(at + "a YAML block that is neither an experiment file nor a fragment of one (a mapping)");
    }
    String file = block.text();
    if (!keys.containsKey("name")) {
      StringBuilder completed = new StringBuilder(block.text());
      MINIMAL.forEach((key, yaml) -> {
        if (!keys.containsKey(key)) {
          completed.append(yaml).append('\n');
        }
      });
      file = completed.toString();
    }
    Validation v = validate(file);
    return v.exitCode() == ExitCode.OK ? List.of()
        : List.of(at + (keys.containsKey("name") ? "" : "(a fragment, completed as\n" + file + ") ") + "validate exits "
            + v.exitCode() + ":\n" + v.output());
  }

  /**
   * What {@code convbench validate exp.yaml} prints on standard error, and its exit code, for {@code text}; paths as
   * the shown output has them, relative to the directory it runs in.
   */
  private record Validation(int exitCode, String output) {}

  private Validation validate(String text) throws IOException {
    Path directory = Files.createTempDirectory(work, "block");
    Files.writeString(directory.resolve("exp.yaml"), text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), directory, false, work.resolve("home"),
        "Linux", Clock.systemUTC());
    int code = Main.execute(context, "validate", "exp.yaml");
    return new Validation(code, err.toString(StandardCharsets.UTF_8).replace(directory + "/", ""));
  }

  /** {@code shown} as a pattern in which {@code …} matches anything. */
  private static Pattern wildcard(String shown) {
    return Pattern.compile(List.of(shown.split("…", -1)).stream().map(Pattern::quote)
        .collect(Collectors.joining(".*")));
  }

  private static String where(int line) {
    return "README.md:" + line + ": ";
  }
}
