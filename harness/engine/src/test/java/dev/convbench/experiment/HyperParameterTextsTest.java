package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hyper-parameters given on the command line ({@code -p key=value}) mean what they mean in an experiment file. */
class HyperParameterTextsTest {

  private static final ArchitecturePlugin RESNET = FakePlugin.ALL.get(1);

  private static Map<String, String> texts(String... keysAndValues) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      texts.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return texts;
  }

  @Test
  void valuesOnTheCommandLineAreTheValuesOfTheSameTextInAFile() throws ExperimentException {
    HyperParameters given = HyperParameterTexts.read(RESNET, texts("width", "5e-1", "depth", "34",
        "widths", "[8, 16]", "activation", "gelu", "pre-activation", "yes"));
    Experiment file = ExperimentFiles.load("""
        name: same
        architectures:
          resnet: {width: 5e-1, depth: 34, widths: [8, 16], activation: gelu, pre-activation: yes}
        architecture: resnet
        """);

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("depth", 34);
    expected.put("width", 0.5);
    expected.put("widths", List.of(8, 16));
    expected.put("activation", "gelu");
    expected.put("pre-activation", true);
    assertEquals(expected, given.asMap());
    assertEquals(expected, file.runs().get(0).hyperParameters());
  }

  @Test
  void theyShowAsRunLabelsShowThem() {
    HyperParameters given = HyperParameterTexts.read(RESNET, texts("width", "2.50", "widths", "[8,16]"));
    assertEquals("depth=18, width=2.5, widths=[8, 16], activation=relu, pre-activation=false",
        HyperParameterTexts.show(given));
  }

  @Test
  void everyProblemIsNamedInTheFilesWords() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HyperParameterTexts.read(RESNET, texts("depth", "51", "dept", "34", "width", "", "widths", "{a: 1}")));
    assertEquals("depth must be one of 18, 34, 50, got 51; architecture 'resnet' has no hyper-parameter 'dept'; did"
        + " you mean 'depth'?; width must be a number, got nothing; widths must be a non-empty list of integers,"
        + " e.g. [1, 2], got a mapping", e.getMessage());
  }
}
