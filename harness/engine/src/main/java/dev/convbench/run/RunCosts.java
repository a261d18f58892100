package dev.convbench.run;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.RunSpec;
import dev.convbench.graph.NetworkSummary;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameters;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates each run's cost from the experiment file alone: multiply-accumulates of one image's forward pass ×
 * training images × epochs. Nothing is read from the data directory, so every machine that plans the same file gets
 * the same numbers (which is what lets workers agree on shards without talking to each other).
 *
 * <p>Rules:
 * <ul>
 *   <li>MACs per image come from {@link NetworkSummary#macs()} of the run's graph with its resolved
 *       hyper-parameters and 10 classes; each distinct (architecture, hyper-parameters) is built once per instance,
 *       since a build can take a second.</li>
 *   <li>Training images follow {@link dev.convbench.data.DatasetLoader}'s order: a hold-out is taken first and the
 *       training subset is then drawn from what is left, so a run with {@code trainSubset} trains on exactly that
 *       many; without one it trains on {@value #OFFICIAL_TRAIN_IMAGES} minus the hold-out, if any. The trainer's
 *       dropped last partial batch (under one batch per epoch) is ignored.</li>
 *   <li>A network that fails to build does not stop planning: its runs get the mean MACs per image of the
 *       experiment's networks that did build (rounded, at least 1), or 1 when none did, in which case runs are
 *       compared by images × epochs alone. Such a cost carries the error ({@link RunCost#buildError()}).</li>
 * </ul>
 *
 * <p>Not thread-safe (the cache is a plain map).
 */
public final class RunCosts {

  /** Images in the official CIFAR-10 training set, what a run without a subset trains on. */
  public static final int OFFICIAL_TRAIN_IMAGES = 50_000;

  /** Classes of CIFAR-10; the size of the classifier layer counted in the MACs. */
  private static final int CLASSES = 10;

  private final PluginRegistry plugins;
  private final Map<NetworkConfig, Built> builtNetworks = new HashMap<>();

  @Inject
  public RunCosts(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  /** One cost per run, in the order given. */
  public List<RunCost> estimate(List<RunSpec> runs) {
    Map<NetworkConfig, Built> networks = new LinkedHashMap<>();
    for (RunSpec run : runs) {
      NetworkConfig network = new NetworkConfig(run.architecture(), run.hyperParameters());
      networks.put(network, builtNetworks.computeIfAbsent(network, this::build));
    }
    long fallbackMacs = fallbackMacsPerImage(networks.values());
    List<RunCost> costs = new ArrayList<>(runs.size());
    for (RunSpec run : runs) {
      Built built = networks.get(new NetworkConfig(run.architecture(), run.hyperParameters()));
      long macs = built.error() == null ? built.macsPerImage() : fallbackMacs;
      costs.add(new RunCost(run, macs, trainImages(run.dataset()), run.training().epochs(), built.error()));
    }
    return costs;
  }

  /** Images one epoch trains on, from the options alone (see the class documentation). */
  public static long trainImages(DatasetOptions dataset) {
    if (dataset.trainSubset() != null) {
      return dataset.trainSubset();
    }
    boolean holdout = DatasetOptions.VALIDATE_ON_HOLDOUT.equals(dataset.validation());
    return (long) OFFICIAL_TRAIN_IMAGES - (holdout ? dataset.holdoutSize() : 0);
  }

  private Built build(NetworkConfig network) {
    try {
      ArchitecturePlugin plugin = plugins.require(network.architecture()).plugin();
      HyperParameters params = HyperParameters.resolve(plugin.hyperParameters(), network.hyperParameters());
      return new Built(NetworkSummary.of(plugin, params, CLASSES).macs(), null);
    } catch (RuntimeException | Error e) { // as when a run is trained: a broken plugin costs its own runs only
      return new Built(0, e.toString());
    }
  }

  private static long fallbackMacsPerImage(Iterable<Built> networks) {
    long sum = 0;
    int count = 0;
    for (Built b : networks) {
      if (b.error() == null) {
        sum += b.macsPerImage();
        count++;
      }
    }
    return count == 0 ? 1 : Math.max(1, Math.round((double) sum / count));
  }

  /** What makes two runs' graphs the same. */
  private record NetworkConfig(String architecture, Map<String, Object> hyperParameters) {}

  /** A network's MACs per image, or why it could not be built. */
  private record Built(long macsPerImage, String error) {}
}
