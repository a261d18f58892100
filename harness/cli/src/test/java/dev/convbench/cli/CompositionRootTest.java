package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.InjectionPoint;
import dev.convbench.data.Cifar10Locator;
import dev.convbench.inject.ConvbenchModule;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.run.EnvironmentDetector;
import jakarta.inject.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The injector is built in one place, {@link Main}, and creates every command: a command whose collaborators are not
 * bound fails here, not in front of a user.
 */
class CompositionRootTest {

  @TempDir
  Path work;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private CommandContext context(Path home) {
    return new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), work, false, home, "Linux",
        Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC));
  }

  /** Main and every command below it, as the {@code @Command} annotations register them. */
  private static List<Class<?>> commands() {
    List<Class<?>> all = new ArrayList<>();
    List<Class<?>> pending = new ArrayList<>(List.of(Main.class));
    while (!pending.isEmpty()) {
      Class<?> command = pending.remove(0);
      all.add(command);
      pending.addAll(List.of(command.getAnnotation(Command.class).subcommands()));
    }
    return all;
  }

  @Test
  void theCommandTreeHasEveryCommand() {
    assertTrue(commands().size() >= 15, commands().toString()); // convbench, 13 commands, data verify|download
  }

  @Test
  void theInjectorCreatesEveryCommandAndProvidesEverythingItAsksFor() {
    Injector injector = Guice.createInjector(new ConvbenchModule(context(work),
        new PluginRegistry(List.of(), List.of())));
    for (Class<?> command : commands()) {
      assertEquals(command, injector.getInstance(command).getClass());
      for (Dependency<?> dependency : InjectionPoint.forConstructorOf(command).getDependencies()) {
        Key<?> key = dependency.getKey();
        Object provided = injector.getInstance(providedKey(key));
        assertTrue(provided != null, command.getSimpleName() + " gets no " + key);
      }
    }
  }

  @Test
  void everyCommandCanBeCreatedWhenTheCommandLineNamesNoPlugins() {
    Injector injector = Guice.createInjector(new ConvbenchModule(context(work)));
    for (Class<?> command : commands()) {
      assertEquals(command, injector.getInstance(command).getClass());
    }
  }

  @Test
  void theCommandLineCanBeParsedBeforeTheInjectorExists() {
    CommandLine cli = Main.commandLine(new ParsedOptions.OptionsOnlyFactory());
    assertEquals(Main.class.getAnnotation(Command.class).subcommands().length, cli.getSubcommands().size());
  }

  @Test
  void onlyMainBuildsOrAsksTheInjector() throws IOException, URISyntaxException {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> users = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes.resolve("dev/convbench"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        // A class that names Injector or Guice anywhere (field, parameter, local, call) has it in its constant pool.
        String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (constants.contains("com/google/inject/Injector") || constants.contains("com/google/inject/Guice")) {
          users.add(classes.relativize(file).toString());
        }
      }
    }
    assertEquals(List.of("dev/convbench/cli/Main$InjectingFactory.class", "dev/convbench/cli/Main.class"),
        users.stream().sorted().toList());
  }

  @Test
  void theMachineFactsComeFromTheContext() {
    Path home = work.resolve("home");
    CommandContext context = context(home);
    Injector injector = Guice.createInjector(new ConvbenchModule(context));
    assertEquals(home.resolve(".cache/convbench/cifar-10-batches-bin"),
        injector.getInstance(Cifar10Locator.class).cacheDirectory());
    assertSame(context.clock(), injector.getInstance(Clock.class));
  }

  @Test
  void theMachineIsDescribedOncePerInjector() {
    // Scoped by the engine's jakarta.inject annotation: the engine does not depend on Guice.
    Injector injector = Guice.createInjector(new ConvbenchModule(context(work)));
    assertSame(injector.getInstance(EnvironmentDetector.class), injector.getInstance(EnvironmentDetector.class));
  }

  @Test
  void pluginsAreNotDiscoveredForHelp() {
    Path missing = work.resolve("no-plugins-here");
    assertEquals(ExitCode.OK, Main.execute(context(work), "list", "--help", "--plugins", missing.toString()));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: convbench list"), out.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCommandWithPluginsReportsAMissingDirectoryInOneLine() {
    Path missing = work.resolve("no-plugins-here");
    assertEquals(ExitCode.INVALID_INPUT, Main.execute(context(work), "list", "--plugins", missing.toString()));
    assertEquals("error: --plugins " + missing + ": no such directory; create it and put the plugin jars in it,"
        + " or give the directory that holds them" + System.lineSeparator(),
        err.toString(StandardCharsets.UTF_8));
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("NAME"));
  }

  /** The key of what is injected: {@code T} for a {@code Provider<T>}, else the key itself. */
  private static Key<?> providedKey(Key<?> key) {
    Class<?> raw = key.getTypeLiteral().getRawType();
    if ((raw == Provider.class || raw == com.google.inject.Provider.class)
        && key.getTypeLiteral().getType() instanceof ParameterizedType provider) {
      return Key.get(provider.getActualTypeArguments()[0]);
    }
    return key;
  }
}
