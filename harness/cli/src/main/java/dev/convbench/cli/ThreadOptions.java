package dev.convbench.cli;

import dev.convbench.training.Threads;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --threads N} or {@code --threads INTRA,INTER}: TensorFlow's thread counts, over the file's {@code threads}. */
final class ThreadOptions {

  private static final Pattern COUNTS = Pattern.compile("(\\d{1,4})(?:,(\\d{1,4}))?");

  @Option(names = "--threads", paramLabel = "N[,M]",
      description = "TensorFlow threads: N within an op and, after a comma, M across independent ops (default: the "
          + "experiment file's threads, else TensorFlow's choice: every core). Changes speed, not results.")
  String threads;

  /** The counts asked for on the command line, else {@code fromFile}. */
  Threads resolve(Threads fromFile) {
    if (threads == null) {
      return fromFile;
    }
    Matcher m = COUNTS.matcher(threads.strip());
    int intra = m.matches() ? Integer.parseInt(m.group(1)) : 0;
    int inter = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : intra;
    if (!m.matches() || intra < 1 || inter < 1 || intra > 1024 || inter > 1024) {
      throw new UserInputException("--threads expects N or N,M with thread counts from 1 to 1024, not '" + threads
          + "'");
    }
    return new Threads(intra, inter);
  }
}
