package dev.convbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A {@code convbench} command line as a document shows it, checked against the command tree's own model (picocli's
 * {@link CommandSpec}, built as {@link Main} builds it), never run.
 *
 * <p>Shown command lines mix real arguments with a notation, read as follows:
 * <ul>
 *   <li>{@code [ … ]} encloses what may be left out, {@code |} separates alternatives (in {@link Notation#SYNOPSIS});
 *   <li>{@code …} alone stands for arguments left out; after a word or a {@code ]} it means "repeatable";
 *   <li>a word with an upper-case name in it ({@code FILE}, {@code K/N}, {@code RESULTS_DIR/results.json}), a
 *       {@code $variable}, a {@code <name>} or a {@code …} is a placeholder for a value;
 *   <li>a command line of nothing but a command's name ({@code convbench validate}) names the command and is
 *       checked for that alone.
 * </ul>
 * Every command line's commands and options must exist (an option for the command it is given to), every option that
 * takes a value must be shown with one, and the number of arguments must fit the command; a line without notation or
 * placeholders is also parsed by picocli as the real command line parses it (values converted, groups checked), and
 * the experiment files it names under {@code experiments/} must exist.
 *
 * @param line the line of the document it starts on
 * @param text the command line as shown, from {@code convbench} on
 * @param words what follows {@code convbench}: words and notation
 */
record ShownCommand(int line, String text, List<Token> words) {

  /** How {@code |} reads, and whether {@code #} starts a comment. */
  enum Notation {
    /** A shell script: {@code |} pipes, {@code #} starts a comment, a line break ends a command. */
    SHELL,
    /** A synopsis, as in a command summary or a code span of prose: {@code |} separates alternatives. */
    SYNOPSIS
  }

  enum Kind { WORD, OPEN, CLOSE, ALTERNATIVE, ELIDED }

  /**
   * A word, or a piece of notation.
   *
   * @param placeholder for a word: it stands for a value rather than being one
   * @param repeated for a word or a {@code ]}: followed by {@code …}
   */
  record Token(Kind kind, String text, boolean placeholder, boolean repeated) {}

  private static final Pattern ENVIRONMENT_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Set<String> PREFIX_WORDS = Set.of("do", "then", "else", "time", "nohup", "exec", "env");
  private static final Pattern UPPER_CASE_NAME = Pattern.compile("(^|[^A-Za-z0-9])[A-Z][A-Z0-9_]*([^A-Za-z0-9]|$)");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+.*");

  /**
   * The {@code convbench} command lines in {@code text}: each command of it (commands are separated by {@code &&},
   * {@code ||}, {@code ;}, {@code &}, and in a shell by line breaks and pipes) run as {@code convbench},
   * {@code ./convbench} or {@code …/convbench}, after environment assignments; and in a shell comment, one from such a
   * word on.
   *
   * @param firstLine the line of the document {@code text} starts on
   */
  static List<ShownCommand> in(String text, int firstLine, Notation notation) {
    List<ShownCommand> found = new ArrayList<>();
    if (notation == Notation.SYNOPSIS) {
      found.addAll(commands(lex(text.replace("\\|", "|").replace('\n', ' '), notation, null), firstLine, false));
      return found;
    }
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      int start = i;
      StringBuilder logical = new StringBuilder(lines.get(i));
      while (logical.toString().endsWith("\\") && i + 1 < lines.size()) {
        logical.setLength(logical.length() - 1);
        logical.append(' ').append(lines.get(++i));
      }
      List<String> comments = new ArrayList<>();
      found.addAll(commands(lex(logical.toString(), notation, comments), firstLine + start, false));
      for (String comment : comments) {
        found.addAll(commands(lex(comment, notation, new ArrayList<>()), firstLine + start, true));
      }
    }
    return found;
  }

  private static List<ShownCommand> commands(List<List<Token>> segments, int line, boolean anywhere) {
    List<ShownCommand> found = new ArrayList<>();
    for (List<Token> segment : segments) {
      int i = 0;
      if (anywhere) {
        while (i < segment.size() && !isConvbench(segment.get(i))) {
          i++;
        }
      } else {
        while (i < segment.size() && segment.get(i).kind() == Kind.WORD
            && (ENVIRONMENT_ASSIGNMENT.matcher(segment.get(i).text()).matches()
                || PREFIX_WORDS.contains(segment.get(i).text()))) {
          i++;
        }
      }
      if (i < segment.size() && isConvbench(segment.get(i))) {
        List<Token> words = segment.subList(i + 1, segment.size());
        StringBuilder text = new StringBuilder(segment.get(i).text());
        words.forEach(w -> text.append(' ').append(w.text()).append(w.repeated() ? "…" : ""));
        found.add(new ShownCommand(line, text.toString(), List.copyOf(words)));
      }
    }
    return found;
  }

  private static boolean isConvbench(Token token) {
    return token.kind() == Kind.WORD && (token.text().equals("convbench") || token.text().endsWith("/convbench"));
  }

  /** Splits {@code text} into commands of tokens; a shell comment's text goes to {@code comments}. */
  private static List<List<Token>> lex(String text, Notation notation, List<String> comments) {
    List<List<Token>> segments = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    StringBuilder word = null;
    boolean placeholder = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
      boolean wordEnds = Character.isWhitespace(next) || next == ']' || i + 1 == text.length();
      if (word == null && c == '#' && notation == Notation.SHELL) {
        comments.add(text.substring(i + 1));
        break;
      }
      if (c == '"' || c == '\'') {
        int end = text.indexOf(c, i + 1);
        String quoted = text.substring(i + 1, end < 0 ? text.length() : end);
        word = word == null ? new StringBuilder() : word;
        word.append(quoted);
        placeholder |= c == '"' && quoted.contains("$");
        i = end < 0 ? text.length() : end;
        continue;
      }
      if (Character.isWhitespace(c) || c == '&' || c == ';' || c == '|' || c == '[' || c == ']'
          || (c == '…' && word == null && wordEnds)) {
        if (word != null) {
          current.add(word(word.toString(), placeholder, false));
          word = null;
          placeholder = false;
        }
        if (c == '&' || c == ';' || (c == '|' && (next == '|' || notation == Notation.SHELL))) {
          segments.add(current);
          current = new ArrayList<>();
          if (next == c) {
            i++;
          }
        } else if (c == '|') {
          current.add(new Token(Kind.ALTERNATIVE, "|", false, false));
        } else if (c == '[') {
          current.add(new Token(Kind.OPEN, "[", false, false));
        } else if (c == ']') {
          boolean repeated = next == '…';
          current.add(new Token(Kind.CLOSE, "]", false, repeated));
          i += repeated ? 1 : 0;
        } else if (c == '…') {
          current.add(new Token(Kind.ELIDED, "…", false, false));
        }
        continue;
      }
      if (c == '…' && wordEnds) {
        current.add(word(word.toString(), placeholder, true));
        word = null;
        placeholder = false;
        continue;
      }
      if (c == '\\' && i + 1 < text.length()) {
        c = text.charAt(++i);
      }
      word = word == null ? new StringBuilder() : word;
      word.append(c);
    }
    if (word != null) {
      current.add(word(word.toString(), placeholder, false));
    }
    segments.add(current);
    return segments;
  }

  private static Token word(String text, boolean quotedVariable, boolean repeated) {
    boolean placeholder = quotedVariable || text.contains("$") || text.contains("<") || text.contains("…")
        || UPPER_CASE_NAME.matcher(text).find();
    return new Token(Kind.WORD, text, placeholder, repeated);
  }

  /** The command tree as {@link Main} builds it, its commands created without collaborators. */
  static CommandLine commandTree() {
    return Main.commandLine(new ParsedOptions.OptionsOnlyFactory());
  }

  /** The command this line names, e.g. {@code convbench data verify}. */
  String command() {
    return spec().qualifiedName();
  }

  /** The model of the command this line names. */
  CommandSpec spec() {
    CommandSpec spec = commandTree().getCommandSpec();
    for (Token word : words) {
      CommandLine sub = word.kind() == Kind.WORD ? spec.subcommands().get(word.text()) : null;
      if (sub == null) {
        break;
      }
      spec = sub.getCommandSpec();
    }
    return spec;
  }

  /**
   * What is wrong with this command line, each problem a sentence naming the command; empty when nothing is.
   *
   * @param repository the directory the command line is meant to be run from
   */
  List<String> problems(Path repository) {
    List<String> problems = new ArrayList<>();
    CommandSpec spec = spec();
    String command = spec.qualifiedName();
    int i = 0; // the words naming the command
    for (CommandSpec c = spec; c.parent() != null; c = c.parent()) {
      i++;
    }
    if (i == words.size()) {
      return problems; // names a command, shows no arguments
    }
    int required = 0;
    int optional = 0;
    boolean unbounded = false;
    boolean elided = false;
    boolean concrete = true;
    Deque<int[]> groups = new ArrayDeque<>(); // per open [ : the arguments inside it
    for (; i < words.size(); i++) {
      Token t = words.get(i);
      switch (t.kind()) {
        case OPEN -> groups.push(new int[1]);
        case CLOSE -> unbounded |= !groups.isEmpty() && groups.pop()[0] > 0 && t.repeated();
        case ELIDED -> elided = true;
        case ALTERNATIVE -> { } // each alternative is checked as any other word
        case WORD -> {
          concrete &= !t.placeholder();
          if (isOption(t.text())) {
            String name = t.text().split("=", 2)[0];
            OptionSpec option = spec.findOption(name);
            if (option == null) {
              problems.add(command + " has no option " + name + "; its options: " + optionNames(spec));
              continue;
            }
            if (option.arity().max() > 0 && !t.text().contains("=")) {
              Token value = i + 1 < words.size() ? words.get(i + 1) : null;
              boolean takesNext = value != null && value.kind() == Kind.WORD
                  && (option.arity().min() > 0 || !isOption(value.text()));
              if (takesNext) {
                i++;
                concrete &= !value.placeholder();
                problems.addAll(missingFile(value, repository));
              } else if (option.arity().min() > 0) {
                problems.add(command + ": " + name + " is shown without its value (" + option.paramLabel() + ")");
              }
            }
          } else if (!spec.subcommands().isEmpty()) {
            problems.add(command + " has no command '" + t.text() + "'; its commands: "
                + String.join(", ", spec.subcommands().keySet()));
            return problems; // what follows is another command's
          } else {
            if (groups.isEmpty()) {
              required++;
            } else {
              optional++;
              groups.peek()[0]++;
            }
            unbounded |= t.repeated();
            problems.addAll(missingFile(t, repository));
          }
        }
      }
      concrete &= t.kind() == Kind.WORD && !t.repeated();
    }
    if (elided || !problems.isEmpty()) {
      return problems; // an argument count would guess at what is left out, or at what a wrong option takes
    }
    problems.addAll(argumentCountProblems(spec, required, optional, unbounded));
    if (concrete) {
      try {
        commandTree().parseArgs(words.stream().map(Token::text).toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        problems.add(command + ": " + e.getMessage());
      }
    }
    return problems;
  }

  private static List<String> argumentCountProblems(CommandSpec spec, int required, int optional,
      boolean unbounded) {
    List<PositionalParamSpec> parameters = spec.positionalParameters();
    int min = parameters.stream().mapToInt(p -> p.arity().min()).sum();
    boolean takesAny = parameters.stream().anyMatch(p -> p.arity().isVariable());
    int max = takesAny ? Integer.MAX_VALUE : parameters.stream().mapToInt(p -> p.arity().max()).sum();
    String takes = spec.qualifiedName() + " takes " + (min == max ? String.valueOf(min)
        : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max) + " argument(s) ("
        + String.join(" ", parameters.stream().map(PositionalParamSpec::paramLabel).toList()) + ")";
    if (required < min) {
      return List.of(takes + "; shown with " + required);
    }
    if (required + optional > max || (unbounded && !takesAny)) {
      return List.of(takes + "; shown with " + (unbounded ? "any number" : required + optional));
    }
    return List.of();
  }

  private static boolean isOption(String word) {
    return word.startsWith("-") && word.length() > 1 && !NUMBER.matcher(word).matches();
  }

  private static String optionNames(CommandSpec spec) {
    return String.join(", ", spec.options().stream().map(OptionSpec::longestName).sorted().toList());
  }

  /** An experiment file of the repository that a shown command names must exist. */
  private List<String> missingFile(Token word, Path repository) {
    if (word.placeholder() || !word.text().startsWith("experiments/")) {
      return List.of();
    }
    return Files.isRegularFile(repository.resolve(word.text())) ? List.of()
        : List.of(word.text() + " does not exist in the repository");
  }
}
