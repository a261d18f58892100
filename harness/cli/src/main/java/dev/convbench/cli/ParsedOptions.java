package dev.convbench.cli;

import java.lang.reflect.Constructor;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, read for what has to be known before the injector is built: which command it names and that
 * command's {@code --plugins}. picocli reads it with the real command tree, so the answer is the one the command
 * sees (an option's value is never mistaken for an option, a command without {@code --plugins} has none).
 */
final class ParsedOptions {

  private final ParseResult parsed;

  private ParsedOptions(ParseResult parsed) {
    this.parsed = parsed;
  }

  /** Parses {@code args}; a command line that does not parse has no options to act on (see {@link #pluginOptions}). */
  static ParsedOptions of(String... args) {
    try {
      return new ParsedOptions(Main.commandLine(new OptionsOnlyFactory()).parseArgs(args));
    } catch (CommandLine.ParameterException e) {
      // Reported by the parse that executes, with the usage, as picocli reports it.
      return new ParsedOptions(null);
    }
  }

  /**
   * The {@code --plugins} option of the command the command line names; empty when the command has none, or when
   * nothing will run: the command line does not parse, or asks for help or the version. Plugins are discovered only
   * for a command about to use them, so that a broken plugin directory cannot fail {@code doctor} or {@code --help}.
   */
  Optional<PluginOptions> pluginOptions() {
    if (parsed == null) {
      return Optional.empty();
    }
    ParseResult command = parsed;
    while (!command.isUsageHelpRequested() && !command.isVersionHelpRequested()) {
      if (!command.hasSubcommand()) {
        return command.commandSpec().mixins().values().stream().map(CommandSpec::userObject)
            .filter(PluginOptions.class::isInstance).map(PluginOptions.class::cast).findFirst();
      }
      command = command.subcommand();
    }
    return Optional.empty();
  }

  /**
   * Creates commands without their collaborators (each constructor parameter is null): these instances are parsed
   * into and never run. Commands' constructors only store what they are given, so this is safe; a test creates
   * every command this way.
   */
  static final class OptionsOnlyFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (!type.isAnnotationPresent(Command.class)) {
        return CommandLine.defaultFactory().create(type);
      }
      Constructor<?>[] constructors = type.getDeclaredConstructors();
      if (constructors.length != 1) {
        throw new IllegalStateException(type.getName() + " must have exactly one constructor, the injected one");
      }
      Constructor<?> constructor = constructors[0];
      constructor.setAccessible(true);
      return type.cast(constructor.newInstance(new Object[constructor.getParameterCount()]));
    }
  }
}
