package dev.convbench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.convbench.experiment.SchemaValidation.Typing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON Schema generated from the loader's tables and the loader agree: on a table of small files, each is valid
 * for both or invalid for both, whether its scalars are typed as YAML 1.1 (the loader's parser) or YAML 1.2 (editors)
 * type them; the files the schema cannot judge are listed with the loader-only rule they break.
 */
class ExperimentSchemaTest {

  private static final SchemaValidation SCHEMA =
      new SchemaValidation(ExperimentSchema.json(FakePlugin.ALL));

  private enum Verdict { VALID, INVALID, LOADER_ONLY }

  /**
   * A small experiment file and what both judges say of it.
   *
   * @param rule for {@link Verdict#LOADER_ONLY}, words of the one {@link ExperimentSchema#LOADER_ONLY_RULES} entry
   *     that the file breaks
   */
  private record Sample(String yaml, Verdict verdict, String rule) {
  }

  private static Sample valid(String yaml) {
    return new Sample(yaml, Verdict.VALID, null);
  }

  private static Sample invalid(String yaml) {
    return new Sample(yaml, Verdict.INVALID, null);
  }

  /** Refused by the loader for a rule a schema cannot state; the schema accepts the file. */
  private static Sample loaderOnly(String rule, String yaml) {
    return new Sample(yaml, Verdict.LOADER_ONLY, rule);
  }

  private static final String ARCH = "name: x\narchitecture: vgg11\n";

  private static final List<Sample> SAMPLES = List.of(
      // ---- the forms the loader accepts
      valid(ARCH),
      valid("name: 2024\narchitecture: [vgg11, resnet]\n"),
      valid(ARCH + "description: plain CNN against ResNet\n"),
      valid(ARCH + "defaults:\ndataset:\nreport:\narchitectures:\n"),
      valid(ARCH + "defaults: {epochs: 3, optimizer: {type: sgd, lr: 0.1, nesterov: false}}\n"),
      valid(ARCH + "defaults:\n  optimizer.lr: 0.1\n  schedule.type: cosine\n  schedule.min-lr: 0\n"),
      valid(ARCH + "defaults: {optimizer: adam, schedule: step, augmentation: none}\n"),
      valid(ARCH + "defaults: {augmentation: standard, optimizer: {type: adam, beta1: 0.8, epsilon: 1e-8}}\n"),
      valid(ARCH + "defaults: {weight-decay: 5e-4, optimizer.lr: \"0.1\", epochs: \"10\"}\n"),
      valid(ARCH + "defaults: {augmentation: {random-crop: yes, normalize: off, horizontal-flip: True}}\n"),
      valid(ARCH + "defaults: {target-accuracy: 90%}\n"),
      valid(ARCH + "defaults: {target-accuracy: 0.9}\n"),
      valid(ARCH + "defaults: {target-accuracy: }\n"),
      valid(ARCH + "defaults: {precision: bf16, log-every-steps: 0}\n"),
      valid(ARCH + "defaults: {checkpoint: {every-epochs: 1, every-minutes: 30, keep: 2}}\n"),
      valid(ARCH + "dataset: {data-dir: data, train-subset: 2000, test-subset: 1000, validation: holdout,"
          + " holdout-size: 5000, allow-partial: true, subset-seed: -3}\n"),
      valid("name: x\nmatrix: {architecture: [vgg11, resnet], optimizer.lr: [0.01, 0.1], resnet.depth: [18, 34]}\n"),
      valid("name: x\nmatrix: {architecture: vgg11, epochs: 2, target-accuracy: [0.5, ~]}\n"),
      valid("name: x\nmatrix: {architecture: [resnet], resnet.widths: [[16, 32], [32, 64]]}\n"),
      valid("name: x\nmatrix: {architecture: [resnet], resnet.activation: [relu, Swish], resnet.width: [0.5, 2e0]}\n"),
      valid("""
          name: x
          matrix:
            architecture: [vgg11, resnet]
            optimizer.lr: [0.01, 0.1]
            exclude: [{architecture: vgg11, optimizer.lr: 0.1}]
            include: [{architecture: resnet, optimizer.lr: 0.2, resnet.widths: [8, 8]}]
          """),
      valid("name: x\nmatrix:\n  include: {architecture: vgg11}\n"),
      valid("name: x\narchitecture: resnet\narchitectures: {resnet: {depth: 34, width: 0.5, widths: [8, 16],"
          + " activation: gelu, pre-activation: true}, vgg11: }\n"),
      valid("name: x\narchitecture: resnet\narchitectures: {resnet: {depth: \"34\", width: 1}}\n"),
      valid(ARCH + "seeds: 3\n"),
      valid(ARCH + "seeds: [0, 7, 42]\n"),
      valid(ARCH + "seeds: {init: [1, 2], data-order: 2}\n"),
      valid(ARCH + "seeds: [{all: 3}, {init: 3}, {data-order: 3}, {augmentation: 3}]\n"),
      valid(ARCH + "threads: 2\n"),
      valid(ARCH + "threads: {intra-op: 2, inter-op: 1}\n"),
      valid(ARCH + "device: gpu:1\n"),
      valid(ARCH + "device: cpu\n"),
      valid(ARCH + "report: {baseline: vgg11}\n"),
      valid("x-common: &common {epochs: 2}\n" + ARCH + "defaults:\n  <<: *common\n  batch-size: 64\n"),
      valid("name: 1.5\narchitecture: vgg11\nmatrix:\nthreads: {}\n"),
      valid(ARCH + "defaults: {optimizer: , schedule: cosine, augmentation: {padding: \"4\"}, target-accuracy: \"90%\"}\n"),
      valid("name: x\narchitecture: resnet\narchitectures: {resnet: {width: \"0.5\", widths: [\"8\", 16],"
          + " pre-activation: yes}}\n"),
      valid("name: x\nmatrix: {architecture: [resnet], resnet.depth: 34}\n"),

      // ---- what both refuse
      invalid("architecture: vgg11\n"),
      invalid("name: x\n"),
      invalid("name: x\nmatrix: {epochs: [1, 2]}\n"),
      invalid("name: x\nmatrix:\n  include: [{epochs: 3}]\n"),
      invalid("name: x\narchitecture: vgg11\nmatrix: {architecture: [resnet]}\n"),
      invalid("name: My Experiment\narchitecture: vgg11\n"),
      invalid("name: " + "x".repeat(65) + "\narchitecture: vgg11\n"),
      invalid(ARCH + "epochs: 3\n"),
      invalid(ARCH + "description: [a, b]\n"),
      invalid(ARCH + "defaults: [epochs]\n"),
      invalid(ARCH + "defaults: {epoch: 3}\n"),
      invalid(ARCH + "defaults: {optimizer: {learning-rate: 0.1}}\n"),
      invalid(ARCH + "defaults: {optimizer: adamw}\n"),
      invalid(ARCH + "defaults: {augmentation: light}\n"),
      invalid(ARCH + "defaults: {checkpoint: yes}\n"),
      invalid(ARCH + "defaults: {optimizer: [adam]}\n"),
      invalid(ARCH + "defaults: {optimizer.lr: -0.1}\n"),
      invalid(ARCH + "defaults: {optimizer.lr: 0}\n"),
      invalid(ARCH + "defaults: {weight-decay: -5e-4}\n"),
      invalid(ARCH + "defaults: {optimizer.momentum: 1}\n"),
      invalid(ARCH + "defaults: {augmentation.padding: 17}\n"),
      invalid(ARCH + "defaults: {epochs: 0}\n"),
      invalid(ARCH + "defaults: {epochs: 2.5}\n"),
      invalid(ARCH + "defaults: {epochs: ten}\n"),
      invalid(ARCH + "defaults: {epochs: }\n"),
      invalid(ARCH + "defaults: {augmentation.normalize: maybe}\n"),
      invalid(ARCH + "defaults: {target-accuracy: 90}\n"),
      invalid(ARCH + "defaults: {target-accuracy: 0}\n"),
      invalid(ARCH + "defaults: {target-accuracy: high}\n"),
      invalid(ARCH + "defaults: {precision: fp64}\n"),
      invalid("name: x\narchitecture: vgg13\n"),
      invalid("name: x\narchitecture: []\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {dept: 34}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {depth: 20}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {width: 5}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {widths: [0, 16]}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {widths: 16}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {activation: tanh}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {pre-activation: sometimes}}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {vgg13: {}}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], optimizer.lr: []}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], optimizer.lr: [0.1, 0.1]}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], optimizer.lr: {a: 1}}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], epochs: }\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], checkpoint.keep: [1, 2]}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], optimizer: [adam]}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], lr: [0.1]}\n"),
      invalid("name: x\nmatrix: {architecture: [resnet], resnet.widths: [16, 32]}\n"),
      invalid("name: x\nmatrix: {architecture: [resnet], resnet.dept: [18]}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], include: [vgg11]}\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], include: [{}]}\n"),
      invalid(ARCH + "seeds: []\n"),
      invalid(ARCH + "seeds: 0\n"),
      invalid(ARCH + "seeds: 1001\n"),
      invalid(ARCH + "seeds: [1, 1]\n"),
      invalid(ARCH + "seeds: [-1]\n"),
      invalid(ARCH + "seeds: {}\n"),
      invalid(ARCH + "seeds: ~\n"),
      invalid(ARCH + "seeds: {init: [1], all: [2]}\n"),
      invalid(ARCH + "seeds: [1, {init: 2}]\n"),
      invalid(ARCH + "seeds: {run: [1]}\n"),
      invalid(ARCH + "seeds: {init: []}\n"),
      invalid(ARCH + "threads: 0\n"),
      invalid(ARCH + "threads: 2000\n"),
      invalid(ARCH + "threads: {intra-op: 2, extra: 1}\n"),
      invalid(ARCH + "device: tpu\n"),
      invalid(ARCH + "device: gpu:x\n"),
      invalid(ARCH + "report: {baseline: vgg11, style: plain}\n"),
      invalid(ARCH + "report: {baseline: }\n"),
      invalid(ARCH + "dataset: {train-subset: 5}\n"),
      invalid(ARCH + "dataset: {validation: train}\n"),
      invalid(ARCH + "dataset: {size: 3}\n"),
      invalid(ARCH + "dataset: [a]\n"),
      invalid(ARCH + "dataset: {data-dir: ~}\n"),
      invalid(ARCH + "dataset: {subset-seed: 1.5}\n"),
      invalid("name: -1\narchitecture: vgg11\n"),
      invalid(ARCH + "description: {a: 1}\n"),
      invalid(ARCH + "defaults: {augmentation: None}\n"),
      invalid(ARCH + "defaults: {target-accuracy: -5%}\n"),
      invalid("name: x\narchitecture: resnet\narchitectures: {resnet: {activation: 5}}\n"),
      invalid("name: x\narchitecture: [vgg11, vgg11]\n"),
      invalid("name: x\nmatrix: {architecture: [vgg11], optimizer.lr: [0.1, 0.10]}\n"),
      invalid(ARCH + "seeds: [{}]\n"),
      invalid(ARCH + "seeds: {init: 0}\n"),

      // ---- what only the loader refuses: each entry names the rule, listed in the schema's description
      loaderOnly("against each other", ARCH + "defaults: {epochs: 2, schedule: {warmup-epochs: 3}}\n"),
      loaderOnly("against each other",
          ARCH + "defaults: {optimizer.lr: 0.01, schedule: {type: cosine, min-lr: 0.1}}\n"),
      loaderOnly("against each other", ARCH + "dataset: {train-subset: 100}\ndefaults: {batch-size: 128}\n"),
      loaderOnly("'only with'", ARCH + "defaults: {optimizer: {type: sgd, beta1: 0.9}}\n"),
      loaderOnly("'only with'", "name: x\nmatrix: {architecture: [vgg11], optimizer.type: [sgd, adam],"
          + " optimizer.momentum: [0.5, 0.9]}\n"),
      loaderOnly("given once", ARCH + "defaults: {optimizer.lr: 0.1, optimizer: {lr: 0.2}}\n"),
      loaderOnly("holdout-size", ARCH + "dataset: {validation: holdout, train-subset: 48000, holdout-size: 5000}\n"),
      loaderOnly("holdout-size", ARCH + "dataset: {validation: holdout, test-subset: 2000, holdout-size: 1000}\n"),
      loaderOnly("exclude keys", "name: x\nmatrix: {architecture: [vgg11], exclude: [{epochs: 3}]}\n"),
      loaderOnly("is trained by", "name: x\nmatrix: {architecture: [vgg11], resnet.depth: [18, 34]}\n"),
      loaderOnly("exclude keys", "name: x\nmatrix: {architecture: [vgg11, resnet, baseline-cnn],"
          + " epochs: [1, 2, 3, 4]}\nseeds: 1000\n"),
      loaderOnly("report.baseline", ARCH + "report: {baseline: resnet}\n"),
      loaderOnly("beyond its sign", ARCH + "defaults: {epochs: \"0\"}\n"),
      loaderOnly("beyond its sign", ARCH + "defaults: {optimizer.momentum: \"2\"}\n"),
      loaderOnly("beyond its sign", ARCH + "defaults: {target-accuracy: 200%}\n"),
      loaderOnly("repeats a matrix value", "name: x\nmatrix: {architecture: [vgg11], optimizer.lr: [0.1, \"0.1\"]}\n"),
      loaderOnly("without a fraction", ARCH + "defaults: {epochs: 2.0}\n"),
      loaderOnly("without a fraction", ARCH + "defaults: {epochs: 1e3}\n"),
      loaderOnly("gpu:N", ARCH + "device: gpu:2000\n"));

  /**
   * Rules without a sample: a JSON tree cannot hold what they refuse (an editor's YAML parser reports duplicate
   * keys itself).
   */
  private static final List<String> RULES_WITHOUT_SAMPLE = List.of("YAML itself");

  @Test
  void theSchemaAndTheLoaderAgreeOnEverySample() {
    List<String> disagreements = new ArrayList<>();
    for (Sample sample : SAMPLES) {
      boolean loaderAccepts = loaderAccepts(sample.yaml());
      for (Typing typing : Typing.values()) {
        List<String> schemaErrors = SCHEMA.errors(sample.yaml(), typing);
        boolean schemaAccepts = schemaErrors.isEmpty();
        boolean expected = switch (sample.verdict()) {
          case VALID -> loaderAccepts && schemaAccepts;
          case INVALID -> !loaderAccepts && !schemaAccepts;
          case LOADER_ONLY -> !loaderAccepts && schemaAccepts;
        };
        if (!expected) {
          disagreements.add(sample.verdict() + " (" + typing + "), but the loader " + (loaderAccepts ? "accepts"
              : "refuses") + " and the schema " + (schemaAccepts ? "accepts" : "refuses " + schemaErrors) + ":\n"
              + sample.yaml());
        }
      }
    }
    assertEquals(List.of(), disagreements);
  }

  @Test
  void everyLoaderOnlyRuleIsListedInTheSchemaAndShownByASample() {
    for (Sample sample : SAMPLES) {
      if (sample.verdict() == Verdict.LOADER_ONLY) {
        assertEquals(1, ExperimentSchema.LOADER_ONLY_RULES.stream().filter(r -> r.contains(sample.rule())).count(),
            "'" + sample.rule() + "' names one of the loader-only rules");
      }
    }
    for (String rule : ExperimentSchema.LOADER_ONLY_RULES) {
      boolean shown = SAMPLES.stream().anyMatch(s -> s.rule() != null && rule.contains(s.rule()))
          || RULES_WITHOUT_SAMPLE.stream().anyMatch(rule::contains);
      assertTrue(shown, "no sample shows the loader-only rule: " + rule);
    }
  }

  @Test
  void theSchemaIsAValidDraft202012Schema() {
    assertEquals(List.of(), SchemaValidation.metaSchemaErrors(ExperimentSchema.json(FakePlugin.ALL)));
    assertEquals(List.of("/type: does not have a value in the enumeration [\"array\", \"boolean\", \"integer\","
        + " \"null\", \"number\", \"object\", \"string\"]"),
        SchemaValidation.metaSchemaErrors("{\"type\": \"text\"}").subList(0, 1));
  }

  /**
   * The schema keeps to draft 7's keywords, which editors' YAML language servers validate with, besides $defs (which
   * they reach through its JSON pointers) and dependentSchemas (the one rule they skip: architecture given twice).
   */
  @Test
  void theSchemaUsesKeywordsDraft7EditorsKnow() {
    Set<String> used = new TreeSet<>();
    keywords(ExperimentSchema.schema(FakePlugin.ALL), used);
    used.removeAll(List.of("$schema", "$ref", "title", "description", "default", "type", "enum", "anyOf", "not",
        "properties", "patternProperties", "additionalProperties", "required", "minProperties", "items", "minItems",
        "uniqueItems", "contains", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
        "maxLength"));
    assertEquals(Set.of("$defs", "dependentSchemas"), used);
  }

  private static void keywords(JsonNode schema, Set<String> found) {
    if (schema.isArray()) {
      schema.forEach(element -> keywords(element, found));
      return;
    }
    schema.properties().forEach(e -> {
      found.add(e.getKey());
      switch (e.getKey()) {
        case "properties", "patternProperties", "$defs", "dependentSchemas" ->
            e.getValue().forEach(named -> keywords(named, found));
        case "anyOf", "not", "items", "contains", "additionalProperties" -> keywords(e.getValue(), found);
        default -> { } // values, not schemas
      }
    });
  }

  /** The files beside the kept schema name it in their first line and are valid against it, as editors see them. */
  @Test
  void everyExperimentFileValidatesAgainstTheKeptSchema() throws IOException {
    Path experiments = Path.of("../../experiments");
    SchemaValidation kept = new SchemaValidation(Files.readString(experiments.resolve(ExperimentSchema.FILE_NAME)));
    List<Path> files;
    try (Stream<Path> listing = Files.list(experiments)) {
      files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() >= 7, files.toString());
    for (Path file : files) {
      String text = Files.readString(file);
      assertTrue(text.startsWith("# yaml-language-server: $schema=" + ExperimentSchema.FILE_NAME + "\n"),
          file + " names the schema in its first line");
      for (Typing typing : Typing.values()) {
        assertEquals(List.of(), kept.errors(text, typing), file + " as " + typing);
      }
    }
  }

  private static boolean loaderAccepts(String yaml) {
    try {
      ExperimentFiles.load(yaml);
      return true;
    } catch (ExperimentException refused) {
      return false;
    }
  }
}
