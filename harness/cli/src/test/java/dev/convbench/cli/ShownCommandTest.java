package dev.convbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.convbench.cli.ShownCommand.Notation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a command line shown in a document is read, and what is found wrong with it. */
class ShownCommandTest {

  private static final Path REPOSITORY = Path.of("../..");

  private static List<String> problems(String text, Notation notation) {
    return ShownCommand.in(text, 1, notation).stream().flatMap(c -> c.problems(REPOSITORY).stream()).toList();
  }

  private static List<String> commands(String text, Notation notation) {
    return ShownCommand.in(text, 1, notation).stream().map(ShownCommand::text).toList();
  }

  @Test
  void aSynopsisWithOptionalGroupsAlternativesAndRepetitionFitsItsCommand() {
    assertEquals(List.of(), problems("convbench run FILE [--out DIR] [--shard K/N | --shard auto [--shards N]]",
        Notation.SYNOPSIS));
    assertEquals(List.of(), problems("convbench report RESULTS_DIR… [--out DIR]", Notation.SYNOPSIS));
    assertEquals(List.of(), problems("convbench describe ARCH [-p name=value]… [--json]", Notation.SYNOPSIS));
  }

  @Test
  void anOptionTheCommandLacksIsNamed() {
    List<String> found = problems("convbench plan FILE [--shard-count N]", Notation.SYNOPSIS);

    assertEquals(1, found.size(), found.toString());
    assertEquals("convbench plan has no option --shard-count", found.get(0).split(";")[0]);
  }

  @Test
  void anUnknownCommandIsNamedWithTheCommandsThereAre() {
    assertEquals(List.of("convbench data has no command 'check'; its commands: verify, download"),
        problems("convbench data check", Notation.SYNOPSIS));
  }

  @Test
  void theNumberOfArgumentsMustFitTheCommand() {
    assertEquals(List.of("convbench compare takes 2 argument(s) (BASE NEW); shown with 1"),
        problems("convbench compare BASE", Notation.SYNOPSIS));
    assertEquals(List.of("convbench compare takes 2 argument(s) (BASE NEW); shown with any number"),
        problems("convbench compare BASE NEW…", Notation.SYNOPSIS));
  }

  @Test
  void anOptionShownWithoutItsValueIsNamed() {
    assertEquals(List.of("convbench run: --out is shown without its value (DIR)"),
        problems("convbench run FILE [--out]", Notation.SYNOPSIS));
  }

  @Test
  void aCommandLineWithoutPlaceholdersIsParsedAsTheCommandLineParsesIt() {
    List<String> found = problems("convbench compare a b --fail-on accuracy-dorp=1pp", Notation.SYNOPSIS);

    assertEquals(1, found.size(), found.toString());
    assertEquals("convbench compare: Invalid value for option '--fail-on' (GATE): 'accuracy-dorp=1pp' is not a gate",
        found.get(0).split(";")[0]);
  }

  @Test
  void aCommandNamedAloneIsAReferenceToIt() {
    assertEquals(List.of(), problems("convbench validate", Notation.SYNOPSIS));
  }

  @Test
  void anExperimentFileOfTheRepositoryMustExist() {
    assertEquals(List.of("experiments/nowhere.yaml does not exist in the repository"),
        problems("./convbench validate experiments/nowhere.yaml", Notation.SHELL));
  }

  @Test
  void inAShellOnlyCommandsRunAsConvbenchAreRead() {
    String script = """
        mvn archetype:generate -DgroupId=example -DartifactId=small-convnet
        mkdir -p plugins.d && cp target/small-convnet.jar plugins.d/ && ./convbench list
        CIFAR10_DIR=/data ./convbench run experiments/quickstart.yaml \\
          --allow-partial-data | tee log   # or: ./convbench worker experiments/quickstart.yaml
        """;

    assertEquals(List.of("./convbench list", "./convbench run experiments/quickstart.yaml --allow-partial-data",
        "./convbench worker experiments/quickstart.yaml"), commands(script, Notation.SHELL));
    assertEquals(List.of(), problems(script, Notation.SHELL));
  }
}
