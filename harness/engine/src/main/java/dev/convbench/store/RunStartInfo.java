package dev.convbench.store;

import dev.convbench.graph.LayerInfo;
import dev.convbench.results.DatasetFacts;
import dev.convbench.results.Environment;
import java.util.List;
import java.util.Objects;

/**
 * What the trainer knows about a run when it starts, besides the {@link dev.convbench.experiment.RunSpec}.
 *
 * @param pluginName name the architecture plugin reports
 * @param pluginOrigin where the plugin was loaded from: a jar path, or {@code built-in}
 * @param trainableParameters number of trainable scalar parameters of the built network
 * @param macsPerImage multiply-accumulates of one forward pass per image
 *     ({@link dev.convbench.graph.NetworkSummary#macs()}); 0 when unknown (e.g. the network could not be built)
 * @param structure the network layer by layer ({@link dev.convbench.graph.NetworkSummary#layers()}), written to
 *     {@value dev.convbench.results.ResultsLayout#STRUCTURE_FILE}; empty when unknown
 * @param environment machine and software, see {@link dev.convbench.run.EnvironmentDetector}
 * @param dataset the data set as loaded, see {@link RecordMapping#facts}
 */
public record RunStartInfo(String pluginName, String pluginOrigin, long trainableParameters, long macsPerImage,
    List<LayerInfo> structure, Environment environment, DatasetFacts dataset) {

  public RunStartInfo {
    Objects.requireNonNull(pluginName, "pluginName");
    Objects.requireNonNull(pluginOrigin, "pluginOrigin");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(dataset, "dataset");
    structure = List.copyOf(Objects.requireNonNull(structure, "structure"));
    if (trainableParameters < 0) {
      throw new IllegalArgumentException("trainableParameters < 0: " + trainableParameters);
    }
    if (macsPerImage < 0) {
      throw new IllegalArgumentException("macsPerImage < 0: " + macsPerImage);
    }
  }

  /** A start without cost and structure (both unknown: 0 and empty). */
  public RunStartInfo(String pluginName, String pluginOrigin, long trainableParameters, Environment environment,
      DatasetFacts dataset) {
    this(pluginName, pluginOrigin, trainableParameters, 0, List.of(), environment, dataset);
  }
}
