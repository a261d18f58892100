package dev.convbench.experiment;

import org.yaml.snakeyaml.nodes.Node;

/** Reads one YAML value into its canonical Java form (Integer/Long, Double, Boolean, String, List, or null). */
@FunctionalInterface
interface ValueReader {

  /**
   * Reads one value.
   *
   * @throws InvalidValue when the node has the wrong type or an impossible value
   */
  Object read(Node node) throws InvalidValue;
}
