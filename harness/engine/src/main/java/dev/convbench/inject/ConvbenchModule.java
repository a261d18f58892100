package dev.convbench.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.convbench.cli.CommandContext;
import dev.convbench.data.Cifar10Download;
import dev.convbench.data.Cifar10Locator;
import dev.convbench.data.DatasetLoader;
import dev.convbench.data.DownloadListener;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.results.ReportRenderer;
import dev.convbench.run.RunProgress;
import dev.convbench.cli.ConsoleProgress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Binds the harness's services for one command. One injector per command; nothing is static, so two commands (or
 * two tests) in one JVM never share state.
 */
public final class ConvbenchModule extends AbstractModule {

  private final CommandContext context;
  private final PluginRegistry plugins;

  /** For commands that use no architectures ({@code data}, {@code report}): no {@link PluginRegistry} is bound. */
  public ConvbenchModule(CommandContext context) {
    this(context, null);
  }

  /**
   * @param context the command's streams, environment and working directory
   * @param plugins the architectures, discovered before the injector is built so that a plugin set-up problem
   *     reaches the user as its own one-line error rather than wrapped in Guice's ProvisionException; {@code null}
   *     binds none
   */
  public ConvbenchModule(CommandContext context, PluginRegistry plugins) {
    this.context = context;
    this.plugins = plugins;
  }

  @Override
  protected void configure() {
    bind(CommandContext.class).toInstance(context);
    bind(RunProgress.class).to(ConsoleProgress.class);
    if (plugins != null) {
      bind(PluginRegistry.class).toInstance(plugins);
    }
  }

  @Provides
  @Singleton
  Cifar10Locator locator(ConsoleProgress progress) {
    DownloadListener listener = progress.downloadListener();
    return new Cifar10Locator(context.env(), Path.of(System.getProperty("user.home")),
        System.getProperty("os.name", ""), Cifar10Download.official(listener));
  }

  @Provides
  DatasetLoader datasetLoader(Cifar10Locator locator) {
    return new DatasetLoader(locator);
  }

  @Provides
  @Singleton
  ProcessIdentity processIdentity() {
    return ProcessIdentity.current(context.env());
  }

  @Provides
  Optional<ReportRenderer> reportRenderer() {
    return ServiceLoader.load(ReportRenderer.class, ConvbenchModule.class.getClassLoader()).findFirst();
  }
}
