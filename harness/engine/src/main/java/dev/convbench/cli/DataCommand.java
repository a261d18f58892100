package dev.convbench.cli;

import com.google.inject.Guice;
import dev.convbench.data.Cifar10Locator;
import dev.convbench.data.Cifar10Verifier;
import dev.convbench.data.DataException;
import dev.convbench.data.DatasetOptions;
import dev.convbench.data.VerificationReport;
import dev.convbench.inject.ConvbenchModule;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convbench data verify|download}. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Check or download the CIFAR-10 data.",
    subcommands = {DataCommand.Verify.class, DataCommand.Download.class})
final class DataCommand implements Runnable {

  private final CommandContext context;

  DataCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new UserInputException("missing subcommand: 'data verify' or 'data download'");
  }

  static Cifar10Locator locator(CommandContext context) {
    return Guice.createInjector(new ConvbenchModule(context)).getInstance(Cifar10Locator.class);
  }

  /** {@code convbench data verify}: checks every file, record and label. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every CIFAR-10 file: size, record count, labels, class balance, checksums.")
  static final class Verify implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory to check (default: as 'run' finds it).")
    Path dataDir;

    @Option(names = "--sha256", description = "Also compute SHA-256 checksums.")
    boolean sha256;

    Verify(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws DataException {
      Path dir = dataDir != null ? context.resolve(dataDir)
          : locator(context).locate(DatasetOptions.defaults().withAllowPartial(true));
      VerificationReport report = Cifar10Verifier.verify(dir, sha256);
      context.out().println(dir);
      for (VerificationReport.FileReport f : report.files()) {
        context.out().printf(Locale.ROOT, "  %-18s %,7d records  classes %s%s%n", f.file(), f.records(),
            f.classCounts(), f.sha256() == null ? "" : "  sha256 " + f.sha256());
        f.problems().forEach(problem -> context.out().println("    problem: " + problem));
      }
      context.out().println(!report.ok() ? "NOT OK" : report.partial()
          ? "ok, but PARTIAL: fewer than the official 10,000 records per file (use --allow-partial-data)" : "ok");
      return report.ok() ? ExitCode.OK : ExitCode.INVALID_INPUT;
    }
  }

  /** {@code convbench data download}: fills the user cache once. */
  @Command(name = "download", mixinStandardHelpOptions = true,
      description = "Download the official CIFAR-10 binary archive into the user cache (once), verify, unpack.")
  static final class Download implements Callable<Integer> {
    private final CommandContext context;

    Download(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws DataException {
      Path dir = locator(context).ensureCache();
      context.out().println(dir);
      return ExitCode.OK;
    }
  }
}
