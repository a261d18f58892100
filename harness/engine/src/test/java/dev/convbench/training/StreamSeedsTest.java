package dev.convbench.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.convbench.data.Dataset;
import dev.convbench.data.ImageSet;
import dev.convbench.spi.HyperParameters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Each of a run's three seeds drives its own stream and nothing else, in real training graphs: the initial weights,
 * the epoch's order of the training images, and the augmentation of a step's batch.
 */
class StreamSeedsTest {

  private static final int IMAGES = 40;
  private static final TrainingConfig CONFIG = new TrainingConfig(2, 10, Optimizer.defaults(),
      new LearningRateSchedule.Constant(0), 5e-4, AugmentationConfig.standard(), null, 0, Precision.FP32);
  private static final Dataset DATA = SmallNet.data(IMAGES, 3);

  /** What a graph built with some seeds draws before training: weights, epoch 1's first batch, its pixels. */
  private record Draws(float[] weights, int[] firstBatch, float[] augmentedBatch) {}

  private static TrainingGraph graph(RunSeeds seeds) {
    TrainingGraph graph = new TrainingGraph(new SmallNet(), HyperParameters.defaults(List.of()), CONFIG, IMAGES,
        IMAGES, ImageSet.CLASSES, seeds, false, Threads.DEFAULT, DeviceSetting.AUTO);
    graph.load(DATA.train(), DATA.eval());
    return graph;
  }

  private static Draws draws(RunSeeds seeds) {
    try (TrainingGraph graph = graph(seeds)) {
      Session session = graph.session();
      float[] weights = weights(session, graph.weights());
      graph.shuffle(1);
      try (TInt32 start = TInt32.scalarOf(0); TInt64 step = TInt64.scalarOf(0);
          Result r = session.runner().feed(graph.input().batchStart(), start).feed("step", step)
              .fetch(graph.input().batchIndices()).fetch(graph.input().images()).run()) {
        TInt32 indices = (TInt32) r.get(0);
        int[] batch = new int[(int) indices.size()];
        for (int i = 0; i < batch.length; i++) {
          batch[i] = indices.getInt(i);
        }
        return new Draws(weights, batch, floats((TFloat32) r.get(1)));
      }
    }
  }

  private static float[] weights(Session session, List<Variable<TFloat32>> variables) {
    Session.Runner runner = session.runner();
    variables.forEach(runner::fetch);
    try (Result r = runner.run()) {
      float[][] parts = new float[variables.size()][];
      int total = 0;
      for (int i = 0; i < parts.length; i++) {
        parts[i] = floats((TFloat32) r.get(i));
        total += parts[i].length;
      }
      float[] all = new float[total];
      int at = 0;
      for (float[] part : parts) {
        System.arraycopy(part, 0, all, at, part.length);
        at += part.length;
      }
      return all;
    }
  }

  private static float[] floats(TFloat32 tensor) {
    float[] values = new float[(int) tensor.size()];
    tensor.asRawTensor().data().asFloats().read(values);
    return values;
  }

  @Test
  void eachSeedChangesItsOwnStreamAlone() {
    Draws base = draws(new RunSeeds(1, 1, 1));
    Draws otherInit = draws(new RunSeeds(2, 1, 1));
    Draws otherOrder = draws(new RunSeeds(1, 2, 1));
    Draws otherAugmentation = draws(new RunSeeds(1, 1, 2));

    assertFalse(Arrays.equals(base.weights(), otherInit.weights()), "another init seed, other initial weights");
    assertArrayEquals(base.firstBatch(), otherInit.firstBatch(), "init seed: same batch");
    assertArrayEquals(base.augmentedBatch(), otherInit.augmentedBatch(), "init seed: same crops and flips");

    assertArrayEquals(base.weights(), otherOrder.weights(), "data-order seed: same initial weights");
    assertFalse(Arrays.equals(base.firstBatch(), otherOrder.firstBatch()), "another data-order seed, other batch");

    assertArrayEquals(base.weights(), otherAugmentation.weights(), "augmentation seed: same initial weights");
    assertArrayEquals(base.firstBatch(), otherAugmentation.firstBatch(), "augmentation seed: same batch");
    assertFalse(Arrays.equals(base.augmentedBatch(), otherAugmentation.augmentedBatch()),
        "another augmentation seed: the same images cropped and flipped otherwise");
  }

  @Test
  void oneSeedForAllStreamsDrawsWhatThatSeedAlwaysDrew() {
    Draws uniform = draws(RunSeeds.uniform(5));
    Draws mixed = draws(new RunSeeds(5, 7, 5));
    assertArrayEquals(uniform.weights(), mixed.weights());
    assertArrayEquals(uniform.augmentedBatch(), draws(RunSeeds.uniform(5)).augmentedBatch(), "repeatable");
  }

  /**
   * A run resumed from a checkpoint rebuilds its streams from its own three seeds: the next step's loss is the one
   * the uninterrupted run had, and a graph with another augmentation seed restored from the same checkpoint differs.
   */
  @Test
  void aResumedRunDrawsFromEachStreamsOwnSeed(@TempDir Path dir) {
    RunSeeds seeds = new RunSeeds(2, 3, 4);
    Path checkpoint = dir.resolve("ckpt");
    float uninterrupted;
    try (TrainingGraph graph = graph(seeds)) {
      graph.shuffle(1);
      graph.step(0, 0);
      graph.step(1, 1);
      graph.save(checkpoint);
      graph.step(2, 2);
      uninterrupted = graph.step(3, 3).loss();
    }
    assertEquals(uninterrupted, resumedLoss(seeds, checkpoint), 0, "the same steps after a restart");
    assertNotEquals(uninterrupted, resumedLoss(new RunSeeds(2, 3, 5), checkpoint), "other crops, other loss");
  }

  private static float resumedLoss(RunSeeds seeds, Path checkpoint) {
    try (TrainingGraph graph = graph(seeds)) {
      graph.restore(checkpoint);
      graph.shuffle(1);
      graph.step(2, 2);
      return graph.step(3, 3).loss();
    }
  }
}
