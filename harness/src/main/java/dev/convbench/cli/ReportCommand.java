package dev.convbench.cli;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.convbench.inject.ConvbenchModule;
import dev.convbench.results.ReportRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convbench report DIR…}: rebuilds the HTML report from results alone. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild the HTML report from one or more results directories (several are merged).")
final class ReportCommand implements Callable<Integer> {

  static final Key<Optional<ReportRenderer>> RENDERER_KEY = Key.get(new TypeLiteral<Optional<ReportRenderer>>() {});

  private final CommandContext context;

  @Parameters(arity = "1..*", paramLabel = "RESULTS_DIR", description = "Results directories written by 'run'.")
  List<Path> directories;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write index.html (default: <first dir>/report).")
  Path out;

  ReportCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    List<Path> dirs = directories.stream().map(context::resolve).toList();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        throw new UserInputException("no results directory at " + d);
      }
    }
    Path target = out != null ? context.resolve(out) : dirs.get(0).resolve("report");
    var renderer = Guice.createInjector(new ConvbenchModule(context, null)).getInstance(RENDERER_KEY);
    render(context, renderer, dirs, target);
    return ExitCode.OK;
  }

  /** Renders and prints the report's path on standard output. */
  static void render(CommandContext context, Optional<ReportRenderer> renderer, List<Path> dirs, Path target)
      throws IOException {
    if (renderer.isEmpty()) {
      throw new IllegalStateException("no report renderer on the classpath (the convbench-reports jar is missing)");
    }
    Path index = renderer.get().render(dirs, target);
    context.out().println(index);
  }
}
