package dev.convbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's README.md as its tests read it: the fenced blocks, and the inline code spans of the text around
 * them, each with the line it starts on.
 *
 * @param file the README
 * @param blocks its fenced code blocks, in order
 * @param spans its inline code spans outside the blocks, in order
 * @param prose its text outside the blocks, each block replaced by as many empty lines
 */
record Readme(Path file, List<Block> blocks, List<Span> spans, String prose) {

  /** The README of this checkout (tests run in their module's directory, {@code harness/cli}). */
  static final Path FILE = Path.of("../../README.md");

  private static final Pattern FENCE = Pattern.compile(" {0,3}```\\s*([^\\s`]*).*");
  private static final Pattern HEADING = Pattern.compile("#{1,6} +(.*)");
  private static final Pattern COMMENT = Pattern.compile("<!--(.*)-->");
  private static final Pattern SPAN = Pattern.compile("`([^`]+)`");

  /**
   * A fenced code block.
   *
   * @param line the line of its opening fence
   * @param language the fence's info word ({@code yaml}, {@code sh}…), empty when it has none
   * @param text its lines, without the fences
   * @param section the heading it is under, without the {@code #}s
   * @param note the text of an HTML comment on the last non-blank line before the fence (trimmed), empty without one
   */
  record Block(int line, String language, String text, String section, String note) {}

  /**
   * An inline code span.
   *
   * @param line the line it starts on
   * @param text its text, which may run over a line break
   */
  record Span(int line, String text) {}

  static Readme read() throws IOException {
    return parse(FILE, Files.readString(FILE));
  }

  static Readme parse(Path file, String markdown) {
    List<String> lines = markdown.lines().toList();
    List<Block> blocks = new ArrayList<>();
    StringBuilder prose = new StringBuilder(); // the text outside blocks, blocks blanked so line numbers still hold
    String section = "";
    String note = "";
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (fence.matches()) {
        int opening = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        blocks.add(new Block(opening + 1, fence.group(1), text.toString(), section, note));
        prose.append("\n".repeat(i - opening + 1));
        note = "";
        continue;
      }
      String line = lines.get(i);
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        section = heading.group(1).strip();
      }
      if (!line.isBlank()) {
        Matcher comment = COMMENT.matcher(line.strip());
        note = comment.matches() ? comment.group(1).strip() : "";
      }
      prose.append(line).append('\n');
    }
    List<Span> spans = new ArrayList<>();
    Matcher span = SPAN.matcher(prose);
    while (span.find()) {
      int line = 1 + (int) prose.substring(0, span.start()).chars().filter(c -> c == '\n').count();
      spans.add(new Span(line, span.group(1)));
    }
    return new Readme(file, List.copyOf(blocks), List.copyOf(spans), prose.toString());
  }

  /** The blocks under the heading {@code section}. */
  List<Block> blocksIn(String section) {
    return blocks.stream().filter(b -> b.section().equals(section)).toList();
  }
}
