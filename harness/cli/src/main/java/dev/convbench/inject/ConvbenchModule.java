package dev.convbench.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.convbench.cli.CommandContext;
import dev.convbench.cli.ConsoleProgress;
import dev.convbench.data.Cifar10Download;
import dev.convbench.data.Cifar10Locator;
import dev.convbench.data.DatasetLoader;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.HistoryRenderer;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.results.ReportRenderer;
import dev.convbench.store.Processes;
import dev.convbench.run.RunProgress;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Binds the harness's services for one process: the command line's streams and the machine's facts (environment,
 * user home, operating system, clock) come from the {@link CommandContext}, bound once here, so nothing below reads
 * {@link System} and a test substitutes them by passing another context. Nothing is static, so two command lines
 * run in one JVM (as tests do) never share state.
 */
public final class ConvbenchModule extends AbstractModule {

  private final CommandContext context;
  private final PluginRegistry plugins;

  /** For command lines that use no architectures ({@code data}, {@code report}, {@code doctor}, {@code --help}). */
  public ConvbenchModule(CommandContext context) {
    this(context, null);
  }

  /**
   * @param context the command line's streams, environment, working directory and clock
   * @param plugins the architectures, discovered before the injector is built so that a plugin set-up problem
   *     reaches the user as its own one-line error rather than wrapped in Guice's ProvisionException; {@code null}
   *     when the command line names a command without {@code --plugins}
   */
  public ConvbenchModule(CommandContext context, PluginRegistry plugins) {
    this.context = context;
    this.plugins = plugins;
  }

  @Override
  protected void configure() {
    bind(CommandContext.class).toInstance(context);
    bind(Clock.class).toInstance(context.clock());
    bind(RunProgress.class).to(ConsoleProgress.class);
    if (plugins != null) {
      bind(PluginRegistry.class).toInstance(plugins);
    } else {
      // Bound all the same, so that every command can be created whichever one the command line names; only a
      // command that declares no --plugins option and still asks for architectures gets here.
      bind(PluginRegistry.class).toProvider(() -> {
        throw new IllegalStateException("no plugins were discovered: the command has no --plugins option");
      });
    }
  }

  @Provides
  @Singleton
  Cifar10Locator locator(ConsoleProgress progress) {
    return new Cifar10Locator(context.env(), context.userHome(), context.osName(),
        Cifar10Download.official(progress.downloadListener()));
  }

  @Provides
  DatasetLoader datasetLoader(Cifar10Locator locator) {
    return new DatasetLoader(locator);
  }

  @Provides
  @Singleton
  ProcessIdentity processIdentity() {
    return Processes.current(context.env());
  }

  @Provides
  @Singleton
  Optional<ReportRenderer> reportRenderer() {
    return ServiceLoader.load(ReportRenderer.class, ConvbenchModule.class.getClassLoader()).findFirst();
  }

  @Provides
  @Singleton
  Optional<HistoryRenderer> historyRenderer() {
    return ServiceLoader.load(HistoryRenderer.class, ConvbenchModule.class.getClassLoader()).findFirst();
  }
}
