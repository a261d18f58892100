package dev.convbench.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks experiment text against a JSON Schema as tools see it: the YAML turned into a JSON tree, with its scalars
 * typed either as YAML 1.1 types them (SnakeYAML, the loader's parser: {@code 5e-4} and {@code "0.1"} are text,
 * {@code yes} is true) or as YAML 1.2's core schema does (editors: {@code 5e-4} is a number, {@code yes} is text).
 */
final class SchemaValidation {

  /** How plain scalars get their JSON type. */
  enum Typing { YAML_1_1, YAML_1_2 }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  // YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
  private static final Pattern NULL_12 = Pattern.compile("null|Null|NULL|~|");
  private static final Pattern BOOL_12 = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT_12 = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern OCTAL_12 = Pattern.compile("0o([0-7]+)");
  private static final Pattern HEX_12 = Pattern.compile("0x([0-9a-fA-F]+)");
  private static final Pattern FLOAT_12 = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private final Schema schema;

  SchemaValidation(String schemaJson) {
    this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schemaJson, InputFormat.JSON);
  }

  /** What the JSON Schema 2020-12 meta-schema finds wrong with a schema (the validator bundles the meta-schema). */
  static List<String> metaSchemaErrors(String schemaJson) {
    Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
    List<String> errors = new ArrayList<>();
    for (Error e : meta.validate(schemaJson, InputFormat.JSON)) {
      errors.add(e.toString());
    }
    return errors;
  }

  /** What the schema finds wrong with the experiment text, one line each; empty when it is valid. */
  List<String> errors(String yaml, Typing typing) {
    Problems problems = new Problems(Path.of("sample.yaml"));
    Node root = YamlTree.compose(yaml, problems).orElseThrow(() -> new IllegalArgumentException(
        "not YAML the loader composes: " + problems.sorted()));
    String json = toJson(root, typing, problems).toString();
    if (problems.count() > 0) {
      throw new IllegalArgumentException("not YAML the loader composes: " + problems.sorted());
    }
    List<String> errors = new ArrayList<>();
    for (Error e : schema.validate(json, InputFormat.JSON)) {
      errors.add(e.toString());
    }
    return errors;
  }

  private static JsonNode toJson(Node node, Typing typing, Problems problems) {
    if (node instanceof MappingNode mapping) {
      ObjectNode object = JSON.objectNode();
      // entries() resolves merge keys (<<: *common) as the loader does.
      for (YamlTree.Entry e : YamlTree.entries(mapping, problems)) {
        object.set(e.key(), toJson(e.value(), typing, problems));
      }
      return object;
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = JSON.arrayNode();
      sequence.getValue().forEach(element -> array.add(toJson(element, typing, problems)));
      return array;
    }
    ScalarNode scalar = (ScalarNode) node;
    return typing == Typing.YAML_1_1 ? typed11(scalar) : typed12(scalar);
  }

  /** As SnakeYAML typed it; numbers it types but no JSON number can hold (.inf, 0x1F, 1:30) stay text. */
  private static JsonNode typed11(ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return JSON.nullNode();
    }
    if (tag.equals(Tag.BOOL)) {
      return JSON.booleanNode(Scalars.bool(text).orElseThrow());
    }
    if (tag.equals(Tag.INT) && Scalars.integer(text).isPresent()) {
      return JSON.numberNode(new BigInteger(text.strip().replace("_", "")));
    }
    if (tag.equals(Tag.FLOAT) && Scalars.number(text).isPresent()) {
      return JSON.numberNode(Scalars.number(text).getAsDouble());
    }
    return JSON.textNode(text);
  }

  private static JsonNode typed12(ScalarNode scalar) {
    String text = scalar.getValue();
    if (!scalar.isPlain()) {
      return JSON.textNode(text);
    }
    if (NULL_12.matcher(text).matches()) {
      return JSON.nullNode();
    }
    if (BOOL_12.matcher(text).matches()) {
      return JSON.booleanNode(text.toLowerCase(Locale.ROOT).equals("true"));
    }
    if (INT_12.matcher(text).matches()) {
      return JSON.numberNode(new BigInteger(text));
    }
    var octal = OCTAL_12.matcher(text);
    if (octal.matches()) {
      return JSON.numberNode(new BigInteger(octal.group(1), 8));
    }
    var hex = HEX_12.matcher(text);
    if (hex.matches()) {
      return JSON.numberNode(new BigInteger(hex.group(1), 16));
    }
    if (FLOAT_12.matcher(text).matches()) {
      return JSON.numberNode(Double.parseDouble(text));
    }
    return JSON.textNode(text); // .inf and .nan have no JSON number
  }
}
