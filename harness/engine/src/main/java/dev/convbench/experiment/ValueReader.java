package dev.convbench.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one YAML value into its canonical Java form (Integer/Long, Double, Boolean, String, List, or null), and
 * states what it accepts as a JSON Schema fragment, so the schema of experiment files says what the loader checks.
 */
interface ValueReader {

  /**
   * Reads one value.
   *
   * @throws InvalidValue when the node has the wrong type or an impossible value
   */
  Object read(Node node) throws InvalidValue;

  /** The values {@link #read} accepts, as far as JSON Schema can say it (a fresh copy, free to change). */
  ObjectNode schema();

  /** How a reader reads. */
  @FunctionalInterface
  interface Reading {
    Object read(Node node) throws InvalidValue;
  }

  /** The reader that reads with {@code reading} and accepts what {@code schema} says. */
  static ValueReader of(ObjectNode schema, Reading reading) {
    ObjectNode fixed = schema.deepCopy();
    return new ValueReader() {
      @Override
      public Object read(Node node) throws InvalidValue {
        return reading.read(node);
      }

      @Override
      public ObjectNode schema() {
        return fixed.deepCopy();
      }
    };
  }
}
