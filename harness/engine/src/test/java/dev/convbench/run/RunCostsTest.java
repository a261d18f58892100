package dev.convbench.run;

import static dev.convbench.graph.Layers.conv;
import static dev.convbench.graph.Layers.dense;
import static dev.convbench.graph.Layers.globalAvgPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.data.DatasetOptions;
import dev.convbench.experiment.Experiment;
import dev.convbench.experiment.ExperimentException;
import dev.convbench.experiment.ExperimentLoader;
import dev.convbench.graph.Network;
import dev.convbench.plugin.DiscoveredPlugin;
import dev.convbench.plugin.PluginOrigin;
import dev.convbench.plugin.PluginRegistry;
import dev.convbench.spi.ArchitecturePlugin;
import dev.convbench.spi.HyperParameter;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

class RunCostsTest {

  /** A 1×1 convolution to {@code width} channels, global pooling, a linear classifier: MACs easy to count by hand. */
  static final class PointwiseNet implements ArchitecturePlugin {
    final AtomicInteger builds = new AtomicInteger();

    @Override
    public String name() {
      return "pointwise";
    }

    @Override
    public String description() {
      return "test network";
    }

    static final HyperParameter<Integer> WIDTH = HyperParameter.integer("width", 4, "channels").range(1, 64);

    @Override
    public List<HyperParameter<?>> hyperParameters() {
      return List.of(WIDTH);
    }

    @Override
    public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
      builds.incrementAndGet();
      return net.apply(images, conv(params.get(WIDTH), 1), globalAvgPool(), dense(net.classes()));
    }
  }

  static final class BrokenNet implements ArchitecturePlugin {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String description() {
      return "test network that cannot be built";
    }

    @Override
    public Operand<TFloat32> logits(Network net, Operand<TFloat32> images, HyperParameters params) {
      throw new IllegalStateException("no graph today");
    }
  }

  /** 32 × 32 positions × width × 3 input channels, plus width × 10 for the classifier. */
  static final long WIDTH_4_MACS = 12_328;
  static final long WIDTH_8_MACS = 24_656;

  final PointwiseNet pointwise = new PointwiseNet();

  RunCosts costs(ArchitecturePlugin... plugins) {
    PluginOrigin origin = new PluginOrigin(PluginOrigin.Kind.CLASSPATH, "/test");
    return new RunCosts(new PluginRegistry(
        Arrays.stream(plugins).map(p -> new DiscoveredPlugin(p, origin)).toList(), List.of()));
  }

  static Experiment experiment(String yaml, ArchitecturePlugin... plugins) throws ExperimentException {
    return new ExperimentLoader().parse("name: costs\n" + yaml, Path.of("/experiments/costs.yaml"),
        List.of(plugins));
  }

  @Test
  void costIsMacsPerImageTimesTrainingImagesTimesEpochs() throws ExperimentException {
    Experiment e = experiment("""
        dataset: {train-subset: 2000}
        defaults: {epochs: 3, batch-size: 50}
        matrix:
          architecture: [pointwise]
          pointwise.width: [4, 8]
        """, pointwise);

    List<RunCost> result = costs(pointwise).estimate(e.runs());

    assertEquals(List.of(WIDTH_4_MACS, WIDTH_8_MACS), result.stream().map(RunCost::macsPerImage).toList());
    assertEquals(73_968_000.0, result.get(0).macs(), "12,328 MAC × 2,000 images × 3 epochs");
    assertEquals(2000, result.get(1).trainImages());
    assertEquals(3, result.get(1).epochs());
    assertNull(result.get(0).buildError());
  }

  @Test
  void eachNetworkIsBuiltOnceWhateverTheSeedsAndSettings() throws ExperimentException {
    Experiment e = experiment("""
        matrix:
          architecture: [pointwise]
          pointwise.width: [4, 8]
          optimizer.lr: [0.01, 0.1]
        seeds: 3
        """, pointwise);
    RunCosts runCosts = costs(pointwise);

    runCosts.estimate(e.runs());
    runCosts.estimate(e.runs());

    assertEquals(12, e.runs().size());
    assertEquals(2, pointwise.builds.get());
  }

  @Test
  void trainingImagesComeFromTheFileNotTheData() {
    DatasetOptions all = DatasetOptions.defaults();
    DatasetOptions holdout = new DatasetOptions(null, null, null, DatasetOptions.VALIDATE_ON_HOLDOUT, 5000, false, 0);

    assertEquals(50_000, RunCosts.trainImages(all));
    assertEquals(45_000, RunCosts.trainImages(holdout));
    assertEquals(2000, RunCosts.trainImages(all.withTrainSubset(2000)));
    // The subset is drawn from what the hold-out leaves, so it is not reduced again.
    assertEquals(2000, RunCosts.trainImages(holdout.withTrainSubset(2000)));
    assertEquals(50_000, RunCosts.trainImages(all.withTestSubset(1000).withDataDir(Path.of("/nowhere"))));
  }

  @Test
  @SuppressWarnings("ReferenceEquality") // the broken entry itself is left out, by identity
  void aNetworkThatFailsToBuildIsCostedAtTheMeanOfTheOthers() throws ExperimentException {
    Experiment e = experiment("""
        dataset: {train-subset: 1000}
        defaults: {epochs: 2}
        matrix:
          architecture: [pointwise, broken]
          pointwise.width: [4, 8]
        """, pointwise, new BrokenNet());

    List<RunCost> result = costs(pointwise, new BrokenNet()).estimate(e.runs());

    List<RunCost> broken = result.stream().filter(c -> c.run().architecture().equals("broken")).toList();
    assertEquals(1, broken.size());
    assertEquals((WIDTH_4_MACS + WIDTH_8_MACS) / 2, broken.get(0).macsPerImage());
    assertEquals(1000, broken.get(0).trainImages());
    assertTrue(broken.get(0).isFallback());
    assertTrue(broken.get(0).buildError().contains("no graph today"), broken.get(0).buildError());
    assertTrue(result.stream().filter(c -> c != broken.get(0)).noneMatch(RunCost::isFallback));
  }

  @Test
  void whenNothingBuildsRunsAreComparedByImagesAndEpochs() throws ExperimentException {
    Experiment e = experiment("""
        matrix:
          architecture: [broken]
          epochs: [1, 4]
        """, new BrokenNet());

    List<RunCost> result = costs(new BrokenNet()).estimate(e.runs());

    assertEquals(List.of(50_000.0, 200_000.0), result.stream().map(RunCost::macs).toList());
  }

  @Test
  void anArchitectureMissingFromTheRegistryDoesNotStopPlanning() throws ExperimentException {
    Experiment e = experiment("architecture: pointwise\n", pointwise);

    List<RunCost> result = costs(new BrokenNet()).estimate(e.runs());

    assertTrue(result.get(0).buildError().contains("unknown architecture 'pointwise'"), result.get(0).buildError());
  }
}
