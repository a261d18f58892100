package dev.convbench.cli;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.convbench.data.DataException;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.Problem;
import dev.convbench.inject.ConvbenchModule;
import dev.convbench.plugin.LoadProblem;
import dev.convbench.plugin.PluginDiscoveryException;
import dev.convbench.plugin.PluginLoadException;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.store.ResultsDirectoryInUseException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code convbench}: the command-line entry point. */
@Command(name = "convbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Trains CNN architectures on CIFAR-10 with TensorFlow Java and reports, side by side, how fast "
        + "each converges and how accurate it gets.", ""},
    subcommands = {RunCommand.class, WorkerCommand.class, PlanCommand.class, ValidateCommand.class, ListCommand.class,
        DescribeCommand.class, SchemaCommand.class, BenchCommand.class, ReportCommand.class, CompareCommand.class,
        EvaluateCommand.class, DataCommand.class, DoctorCommand.class, HistoryCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0    success", "  1    runtime failure (one line; the stack trace goes to a log file)",
        "  2    invalid input: command line, experiment file, plugins, data, results dir",
        "  3    finished, but some runs failed or diverged",
        "  4    compare: a --fail-on gate failed",
        "  130  stopped by Ctrl-C: checkpoint written; the same command continues",
        "  143  stopped by SIGTERM: as 130"})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of a runtime failure on the terminal too (it always goes to a log file).")
  boolean verbose;

  @Override
  public void run() {
    // Named from the registered subcommands, so a new command cannot be left out of this message.
    List<String> commands = List.copyOf(spec.subcommands().keySet());
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: "
        + String.join(", ", commands.subList(0, commands.size() - 1)) + " or " + commands.get(commands.size() - 1)
        + " (see --help)");
  }

  public static void main(String[] args) {
    System.exit(execute(CommandContext.system(), args));
  }

  /**
   * Runs one command line in the given context and returns its exit code (see {@link ExitCode}).
   *
   * <p>This is the program's composition root, and the only place an injector is built or asked for anything. The
   * injector needs the plugins, and they depend on the command line's {@code --plugins}, so the command line is
   * parsed twice: once into objects that only hold options ({@link ParsedOptions}), to find the plugin directory,
   * and once, after the plugins are discovered and the injector built, into commands the injector creates.
   */
  public static int execute(CommandContext context, String... args) {
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    PluginRegistry plugins;
    try {
      plugins = ParsedOptions.of(args).pluginOptions().map(options -> options.registry(context)).orElse(null);
    } catch (RuntimeException e) {
      return handle(e, context, verbose);
    }
    Injector injector = Guice.createInjector(new ConvbenchModule(context, plugins));
    CommandLine cli = commandLine(new InjectingFactory(injector));
    // The platform's charset, as the context's streams use it: what the terminal expects.
    cli.setOut(new PrintWriter(new java.io.OutputStreamWriter(context.out(), java.nio.charset.Charset.defaultCharset()),
        true));
    cli.setErr(new PrintWriter(new java.io.OutputStreamWriter(context.err(), java.nio.charset.Charset.defaultCharset()),
        true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, context, verbose));
    return cli.execute(args);
  }

  /** The command tree, its commands created by {@code factory}. */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    return new CommandLine(Main.class, factory);
  }

  /** Turns what a command throws into a message for the user (no stack trace for their mistakes) and an exit code. */
  static int handle(Exception thrown, CommandContext context, boolean verbose) {
    Exception e = unwrapGuice(thrown);
    if (e instanceof ExperimentException invalid) {
      for (Problem p : invalid.problems()) {
        context.err().println(p);
      }
      context.err().println(invalid.problems().size() + (invalid.problems().size() == 1 ? " problem" : " problems")
          + "; nothing was run.");
      return ExitCode.INVALID_INPUT;
    }
    if (e instanceof PluginLoadException broken) {
      for (LoadProblem problem : broken.problems()) {
        context.err().println("error: " + PluginLoadException.line(problem));
      }
      return ExitCode.INVALID_INPUT;
    }
    if (e instanceof DataException || e instanceof PluginDiscoveryException
        || e instanceof ResultsDirectoryInUseException || e instanceof UserInputException) {
      context.err().println("error: " + e.getMessage());
      return ExitCode.INVALID_INPUT;
    }
    if (e instanceof ResultsFailure failure) {
      FailureLog.report((Exception) failure.getCause(), context, failure.directory(), verbose);
    } else {
      FailureLog.report(e, context, null, verbose);
    }
    return ExitCode.FAILURE;
  }

  /**
   * The exception a Guice provider threw, when that is the only one Guice reports: a user error raised while the
   * injector provides a service is still a user error, and Guice's own message spans dozens of lines.
   */
  private static Exception unwrapGuice(Exception e) {
    Throwable cause = e.getCause();
    boolean fromGuice = e instanceof ProvisionException || e instanceof CreationException;
    if (fromGuice && cause instanceof Exception inner) {
      return unwrapGuice(inner);
    }
    return e;
  }

  /**
   * Creates the commands through the injector, so that they receive their collaborators in their constructors;
   * everything else picocli creates (option groups, converters, collections) is plain and picocli's own. picocli
   * creates every command of the tree for each command line, so a command takes a {@code Provider} of each service
   * that does work when created or needs the plugins, and only the command that runs asks for it.
   */
  private static final class InjectingFactory implements CommandLine.IFactory {
    private final Injector injector;

    InjectingFactory(Injector injector) {
      this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      return type.isAnnotationPresent(Command.class) ? injector.getInstance(type)
          : CommandLine.defaultFactory().create(type);
    }
  }
}
