package dev.convbench.cli;

import dev.convbench.data.Cifar10Locator;
import dev.convbench.data.Cifar10Verifier;
import dev.convbench.data.DataException;
import dev.convbench.data.DatasetOptions;
import dev.convbench.data.VerificationReport;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convbench data verify|download}. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Check or download the CIFAR-10 data.",
    subcommands = {DataCommand.Verify.class, DataCommand.Download.class})
final class DataCommand implements Runnable {

  @Override
  public void run() {
    throw new UserInputException("missing subcommand: 'data verify' or 'data download'");
  }

  /** {@code convbench data verify}: checks every file, record and label; it never downloads (that is 'download'). */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every CIFAR-10 file: size, record count, labels, class balance, checksums.")
  static final class Verify implements Callable<Integer> {
    private final CommandContext context;
    private final Provider<Cifar10Locator> locator;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Directory to check (default: as 'run' finds it).")
    Path dataDir;

    @Option(names = "--sha256", description = "Also compute SHA-256 checksums.")
    boolean sha256;

    @Inject
    Verify(CommandContext context, Provider<Cifar10Locator> locator) {
      this.context = context;
      this.locator = locator;
    }

    @Override
    public Integer call() throws DataException {
      Path dir = dataDir != null ? context.resolve(dataDir)
          : locator.get().locateWithoutDownload(DatasetOptions.defaults().withAllowPartial(true));
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
    private final Provider<Cifar10Locator> locator;

    @Inject
    Download(CommandContext context, Provider<Cifar10Locator> locator) {
      this.context = context;
      this.locator = locator;
    }

    @Override
    public Integer call() throws DataException {
      Path dir = locator.get().ensureCache();
      context.out().println(dir);
      return ExitCode.OK;
    }
  }
}
