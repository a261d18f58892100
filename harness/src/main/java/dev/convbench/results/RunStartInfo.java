package dev.convbench.results;

import java.util.Objects;

/**
 * What the trainer knows about a run when it starts, besides the {@link dev.convbench.experiment.RunSpec}.
 *
 * @param pluginName name the architecture plugin reports
 * @param pluginOrigin where the plugin was loaded from: a jar path, or {@code built-in}
 * @param trainableParameters number of trainable scalar parameters of the built network
 * @param environment machine and software, see {@link Environment#detect}
 * @param dataset the data set as loaded, see {@link DatasetFacts#of}
 */
public record RunStartInfo(String pluginName, String pluginOrigin, long trainableParameters, Environment environment,
    DatasetFacts dataset) {

  public RunStartInfo {
    Objects.requireNonNull(pluginName, "pluginName");
    Objects.requireNonNull(pluginOrigin, "pluginOrigin");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(dataset, "dataset");
    if (trainableParameters < 0) {
      throw new IllegalArgumentException("trainableParameters < 0: " + trainableParameters);
    }
  }
}
