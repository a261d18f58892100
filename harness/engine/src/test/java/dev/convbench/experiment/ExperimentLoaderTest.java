package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from files: paths, reading failures, and the documented example. */
class ExperimentLoaderTest {

  /** Look-alikes of built-in architectures, so that the documented example also validates with the real ones. */
  private static final List<ArchitecturePlugin> BUILT_INS = List.of(
      new FakePlugin("baseline-cnn"),
      new FakePlugin("vgg",
          HyperParameter.integer("depth", 16, "weight layers").oneOf(11, 13, 16, 19),
          HyperParameter.bool("batch-norm", false, "batch norm after each convolution")));

  private final ExperimentLoader loader = new ExperimentLoader();

  @TempDir
  Path dir;

  @Test
  void theDocumentedExampleLoads() throws Exception {
    Path example = Path.of(getClass().getResource("/experiment/full-example.yaml").toURI());

    Experiment experiment = loader.load(example, BUILT_INS);

    assertEquals("full-example", experiment.name());
    assertEquals(List.of(
        "baseline-cnn optimizer.lr=0.05 epochs=20",
        "baseline-cnn optimizer.lr=0.1 epochs=20",
        "vgg depth=11 optimizer.lr=0.05",
        "vgg depth=11 optimizer.lr=0.1",
        "vgg depth=16 optimizer.lr=0.1",
        "vgg depth=11 optimizer.lr=0.2 schedule.type=one-cycle schedule.warmup-epochs=2"),
        MatrixExpansionTest.labels(experiment));
    assertEquals(Map.of("depth", 16, "batch-norm", true), experiment.runs().get(4).hyperParameters());
    assertEquals(18, experiment.runs().size());
    assertEquals("baseline-cnn optimizer.lr=0.05 epochs=20", experiment.baseline());
    assertEquals(example.getParent().resolve("../data/cifar-10-batches-bin").normalize(),
        experiment.dataset().dataDir());
    assertEquals(0.6, experiment.runs().get(0).training().targetAccuracy());
    assertEquals(Files.readString(example), experiment.sourceText());
  }

  @Test
  void relativeDataDirsResolveAgainstTheFilesDirectory() throws ExperimentException {
    assertEquals(Path.of("/experiments/data"), dataDir("data"));
    assertEquals(Path.of("/cache/cifar"), dataDir("../cache/./cifar"));
    assertEquals(Path.of("/srv/cifar"), dataDir("/srv/cifar"));
    assertEquals(Path.of(System.getProperty("user.home"), "cifar"), dataDir("~/cifar"));
  }

  @Test
  void aFileOnDiskIsReadWithItsPathInProblems() throws Exception {
    Path file = write("sub/exp.yaml", "name: disk\ndataset: {data-dir: ../data}\narchitecture: vgg11\n");

    Experiment experiment = loader.load(file, FakePlugin.ALL);
    assertEquals(file, experiment.source());
    assertEquals(dir.resolve("data"), experiment.dataset().dataDir());

    Files.writeString(file, "name: disk\narchitecture: vgg1\n");
    ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(file, FakePlugin.ALL));
    assertEquals(file + ":2:15: unknown architecture 'vgg1'; did you mean 'vgg11'? (available: baseline-cnn, "
        + "resnet, vgg11)", e.getMessage());
  }

  @Test
  void aMissingFileIsAProblemOfTheFile() {
    Path missing = dir.resolve("missing.yaml");

    ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(missing, FakePlugin.ALL));

    assertEquals(List.of(Problem.wholeFile(missing, "no such file")), e.problems());
    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void aDirectoryIsNoExperimentFile() {
    ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(dir, FakePlugin.ALL));

    assertEquals(dir + ": is a directory, not an experiment file", e.getMessage());
  }

  @Test
  void theFileMustBeUtf8() throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(file, FakePlugin.ALL));

    assertEquals(file + ": not UTF-8 text", e.getMessage());
  }

  @Test
  void hugeFilesAreNotRead() throws Exception {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, new byte[ExperimentLoader.MAX_FILE_BYTES + 1]);

    ExperimentException e = assertThrows(ExperimentException.class, () -> loader.load(file, FakePlugin.ALL));

    assertEquals(file + ": the file is larger than 1 MiB; experiment files are small", e.getMessage());
  }

  @Test
  void withoutPluginsEveryArchitectureIsUnknown() {
    ExperimentException e = assertThrows(ExperimentException.class,
        () -> loader.parse("name: x\narchitecture: vgg11\n", Path.of("x.yaml"), List.of()));

    assertEquals("x.yaml:2:15: unknown architecture 'vgg11': no architecture plugins are installed",
        e.getMessage());
  }

  @Test
  void problemsNeverCarryAStackTrace() {
    ExperimentException e = assertThrows(ExperimentException.class,
        () -> loader.parse("name: [", Path.of("x.yaml"), FakePlugin.ALL));

    assertEquals(0, e.getStackTrace().length);
  }

  private Path dataDir(String written) throws ExperimentException {
    return ExperimentFiles.load("name: x\ndataset: {data-dir: '" + written + "'}\narchitecture: vgg11\n")
        .dataset().dataDir();
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}
