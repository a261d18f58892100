package dev.convbench.results;

import java.util.List;

/**
 * The content of {@value ResultsLayout#STRUCTURE_FILE}: a run's network layer by layer.
 *
 * @param layers the layers in build order
 */
public record StructureRecord(List<LayerRecord> layers) {

  public StructureRecord {
    layers = layers == null ? List.of() : List.copyOf(layers);
  }
}
