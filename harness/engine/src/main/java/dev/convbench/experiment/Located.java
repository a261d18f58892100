package dev.convbench.experiment;

import org.yaml.snakeyaml.nodes.Node;

/**
 * A validated value together with the node it was read from, so that checks made later (per matrix cell) can still
 * point at the right line and column.
 *
 * @param value canonical value (see {@link ValueReader})
 * @param node where it was written
 */
record Located(Object value, Node node) {
}
