package dev.convbench.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The validated {@code matrix:} section: dimensions to multiply, then exclude and include entries.
 *
 * @param node where the matrix is written (for problems about the matrix as a whole)
 * @param dimensions the keys with their lists of values, in file order ({@code architecture} first when it is
 *     given at the top level)
 * @param excludes entries removing the cells that match them
 * @param includes entries extending matching cells or adding cells
 */
record MatrixSpec(Node node, List<Dimension> dimensions, List<Selector> excludes, List<Selector> includes) {

  /**
   * One matrix key and its values.
   *
   * @param key the key
   * @param keyNode where the key is written
   * @param values its distinct values, in file order
   */
  record Dimension(MatrixKey key, Node keyNode, List<Located> values) {
  }

  /**
   * One include or exclude entry.
   *
   * @param node the entry
   * @param settings its keys and values, in file order
   */
  record Selector(Node node, List<Setting> settings) {

    Map<String, Located> values() {
      Map<String, Located> values = new LinkedHashMap<>();
      settings.forEach(s -> values.put(s.key().name(), s.value()));
      return values;
    }
  }

  /**
   * A key with one value.
   *
   * @param key the key
   * @param keyNode where the key is written
   * @param value its value
   */
  record Setting(MatrixKey key, Node keyNode, Located value) {
  }
}
