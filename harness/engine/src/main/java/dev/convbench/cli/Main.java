package dev.convbench.cli;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import dev.convbench.data.DataException;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.Problem;
import dev.convbench.plugin.LoadProblem;
import dev.convbench.plugin.PluginDiscoveryException;
import dev.convbench.plugin.PluginLoadException;
import dev.convbench.results.ResultsDirectoryInUseException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code convbench}: the command-line entry point. */
@Command(name = "convbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Trains CNN architectures on CIFAR-10 with TensorFlow Java and reports, side by side, how fast "
        + "each converges and how accurate it gets.", ""},
    subcommands = {RunCommand.class, WorkerCommand.class, PlanCommand.class, ValidateCommand.class, ListCommand.class,
        DescribeCommand.class, BenchCommand.class, ReportCommand.class, EvaluateCommand.class, DataCommand.class,
        DoctorCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0    success", "  1    runtime failure (one line; the stack trace goes to a log file)",
        "  2    invalid input: command line, experiment file, plugins, data, results dir",
        "  3    finished, but some runs failed or diverged",
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

  /** Runs one command line in the given context and returns its exit code (see {@link ExitCode}). */
  public static int execute(CommandContext context, String... args) {
    CommandLine cli = new CommandLine(new Main(), new CommandFactory(context));
    cli.setOut(new PrintWriter(context.out(), true));
    cli.setErr(new PrintWriter(context.err(), true));
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, context, verbose));
    return cli.execute(args);
  }

  /** Turns what a command throws into a message for the user (no stack trace for their mistakes) and an exit code. */
  static int handle(Exception thrown, CommandContext context, boolean verbose) {
    Exception e = unwrapGuice(thrown);
    if (e instanceof ExperimentException invalid) {
      for (Problem p : invalid.problems()) {
        context.err().println(p);
      }
      context.err().println(invalid.problems().size() + " problem(s); nothing was run.");
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

  /** Creates command objects with the context they need. */
  private static final class CommandFactory implements CommandLine.IFactory {
    private final CommandContext context;

    CommandFactory(CommandContext context) {
      this.context = context;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(CommandContext.class).newInstance(context);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }
}
