package dev.convbench.cli;

import dev.convbench.experiment.ExperimentSchema;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code convbench schema}: the JSON Schema of experiment files, for editors. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Print the JSON Schema (draft 2020-12) of experiment files, with the hyper-parameters of the "
        + "available architectures; editors complete and check keys with it.",
        "experiments/" + ExperimentSchema.FILE_NAME + " is this schema for the built-in architectures; a file names "
        + "it in its first line: # yaml-language-server: $schema=" + ExperimentSchema.FILE_NAME})
final class SchemaCommand implements Callable<Integer> {

  private final CommandContext context;
  private final Provider<PluginRegistry> plugins;

  // Declares --plugins; Main discovers the plugins it names before the injector, and so this command, exists.
  @Mixin
  PluginOptions pluginOptions;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the schema to FILE instead of printing it.")
  Path out;

  @Inject
  SchemaCommand(CommandContext context, Provider<PluginRegistry> plugins) {
    this.context = context;
    this.plugins = plugins;
  }

  @Override
  public Integer call() {
    String schema = ExperimentSchema.json(plugins.get().all().stream().map(DiscoveredPlugin::plugin).toList());
    if (out == null) {
      context.out().print(schema);
      context.out().flush();
      return ExitCode.OK;
    }
    Path file = context.resolve(out);
    try {
      Files.writeString(file, schema, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException("--out " + file + ": cannot write it (" + e.getMessage() + "); give a file in an"
          + " existing, writable directory");
    }
    context.err().println("wrote " + file);
    return ExitCode.OK;
  }
}
