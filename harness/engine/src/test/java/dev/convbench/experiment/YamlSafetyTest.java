package dev.convbench.experiment;

import static dev.convbench.experiment.ExperimentFiles.load;
import static dev.convbench.experiment.ExperimentFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Malformed and hostile YAML: positioned messages, never a stack trace, never a hang. */
class YamlSafetyTest {

  private static final String PLAIN_DATA_ONLY =
      " is not allowed: experiment files hold plain data only (strings, numbers, booleans, lists, mappings)";

  @Test
  void syntaxErrorsPointAtTheProblemAndItsContext() {
    assertEquals(List.of("4:9: YAML syntax error: expected ',' or ']', but got : "
        + "(while parsing a flow sequence that starts at line 3, column 17)"), problems("""
        name: x
        matrix:
          architecture: [vgg11
          epochs: [1]
        """));
    assertEquals(List.of("4:4: YAML syntax error: expected <block end>, but found '<block mapping start>' "
        + "(while parsing a block mapping that starts at line 3, column 3)"), problems("""
        name: x
        matrix:
          architecture: [vgg11]
           epochs: [1]
        """));
  }

  @Test
  void tabsCannotIndent() {
    assertEquals(List.of("3:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token. "
        + "(Do not use \\t(TAB) for indentation) (while scanning for the next token)"), problems(
        "name: x\ndefaults:\n\tepochs: 1\narchitecture: vgg11\n"));
  }

  @Test
  void aFileHoldsOneDocument() {
    assertEquals(List.of("3:1: a second YAML document starts here ('---'); an experiment file holds one document"),
        problems("""
            name: x
            architecture: vgg11
            ---
            name: y
            """));
  }

  @Test
  void duplicateKeysAreReportedWhereTheyRepeat() {
    assertEquals(List.of("4:3: duplicate key 'epochs'", "6:1: duplicate key 'name'"), problems("""
        name: x
        defaults:
          epochs: 1
          epochs: 2
        architecture: vgg11
        name: y
        """));
  }

  @Test
  void keysArePlainNames() {
    assertEquals(List.of("2:1: keys must be plain names, got a list"), problems("""
        name: x
        [a]: 1
        architecture: vgg11
        """));
  }

  @Test
  void globalTagsCannotInstantiateClasses() {
    assertEquals(List.of("2:14: tag '!!javax.script.ScriptEngineManager'" + PLAIN_DATA_ONLY), problems("""
        name: x
        description: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
        architecture: vgg11
        """));
  }

  @Test
  void onlyPlainDataTagsAreAllowed() {
    assertEquals(List.of("2:20: tag '!!binary'" + PLAIN_DATA_ONLY, "2:47: tag '!local'" + PLAIN_DATA_ONLY,
        "3:15: tag 'tag:example.com,2024:thing'" + PLAIN_DATA_ONLY), problems("""
        name: x
        defaults: {epochs: !!binary AAAA, batch-size: !local 3}
        architecture: !<tag:example.com,2024:thing> vgg11
        """));
  }

  @Test
  void standardTagsAreFine() throws ExperimentException {
    assertEquals("12", load("""
        name: !!str 12
        architecture: !!str vgg11
        """).name());
  }

  @Test
  void billionLaughsIsRefusedQuicklyAtTheFirstAliasOverTheLimit() {
    StringBuilder yaml = new StringBuilder("""
        name: x
        architecture: vgg11
        x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
        """);
    for (char level = 'b'; level <= 'i'; level++) { // 9^9 strings once expanded, from 8 × 9 = 72 aliases
      String alias = "*" + (char) (level - 1);
      yaml.append("x-").append(level).append(": &").append(level).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, alias))).append("]\n");
    }
    List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems(yaml.toString()));

    // 9 aliases on each of lines 4 to 8 make 45: the 51st is the sixth on line 9
    assertEquals(List.of("9:30: more than 50 aliases to lists or mappings: refused, as that is how \"billion "
        + "laughs\" alias bombs blow up a small file; write the values out instead"), problems);
  }

  @Test
  void aFewAliasesAreFine() throws ExperimentException {
    Experiment experiment = load("""
        name: x
        x-archs: &archs [vgg11, baseline-cnn]
        matrix:
          architecture: *archs
        """);

    assertEquals(2, experiment.runs().size());
  }

  @Test
  void aRecursiveValueIsRejectedNotFollowed() {
    List<String> problems = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problems("""
        name: x
        matrix: {architecture: &a [vgg11, *a]}
        """));

    // the alias is the list itself, which starts at its anchor
    assertEquals(List.of("2:24: architecture must be an architecture name, got a list"), problems);
  }

  @Test
  void mergeKeysWorkAndCannotLoop() throws ExperimentException {
    Experiment experiment = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load("""
        name: x
        x-base: &base {epochs: 2, batch-size: 16}
        x-loop: &loop {<<: *loop, log-every-steps: 0}
        defaults:
          <<: [*loop, *base]
          batch-size: 8
        architecture: vgg11
        """));

    assertEquals(2, experiment.runs().get(0).training().epochs());
    assertEquals(8, experiment.runs().get(0).training().batchSize());
    assertEquals(0, experiment.runs().get(0).training().logEverySteps());
  }

  @Test
  void onlyMappingsCanBeMerged() {
    assertEquals(List.of("2:16: '<<' merges mappings into a mapping, got 'epochs'"), problems("""
        name: x
        defaults: {<<: epochs}
        architecture: vgg11
        """));
  }

  @Test
  void deepNestingIsRefused() {
    assertEquals(List.of("3:58: the document is nested too deeply"), problems(
        "name: x\narchitecture: vgg11\nx-deep: " + "[".repeat(60) + "]".repeat(60) + "\n"));
  }

  @Test
  void hugeTextIsRefusedBeforeParsing() {
    assertEquals(List.of("0:0: the file is larger than 1 MiB; experiment files are small"),
        problems("name: x\ndescription: " + "x".repeat(YamlTree.MAX_CODE_POINTS) + "\n"));
  }

  @Test
  void aByteOrderMarkIsNotContent() throws ExperimentException {
    assertEquals("bom", load("\uFEFFname: bom\narchitecture: vgg11\n").name());
  }
}
