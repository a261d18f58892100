package dev.convbench.training;

import dev.convbench.data.ImageSet;
import dev.convbench.graph.RandomStreams;
import dev.convbench.graph.StepNoise;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * A training graph's input: both image sets held in the graph (uint8, NHWC, in variables filled once), each epoch's
 * order of the training images, and the training batch a step computes on, augmented and as floats. A step feeds
 * only the batch's offset in the epoch's order; the images never leave the graph.
 */
final class InputPipeline {

  private final int trainCount;
  private final int evalCount;
  private final int batchSize;
  private final Placeholder<TUint8> trainPixelsFeed;
  private final Placeholder<TInt32> trainLabelsFeed;
  private final Placeholder<TUint8> evalPixelsFeed;
  private final Placeholder<TInt32> evalLabelsFeed;
  private final List<Op> loadOps = new ArrayList<>();
  private final StoredImages trainSet;
  private final StoredImages evalSet;
  private final Placeholder<TInt64> epochFeed;
  private final Op shuffle;
  private final Placeholder<TInt32> batchStart;
  private final Operand<TFloat32> images;
  private final Operand<TInt32> labels;
  private final Operand<TInt32> indices;

  /**
   * Images and labels in graph variables: the first {@code count} of them.
   *
   * @param pixels uint8 images, NHWC
   * @param labels class indices
   * @param count how many images from the first
   */
  record StoredImages(Variable<TUint8> pixels, Variable<TInt32> labels, int count) {

    /** The first {@code n} of these images, or all when there are fewer. */
    StoredImages first(int n) {
      return new StoredImages(pixels, labels, Math.min(n, count));
    }
  }

  /**
   * Builds the pipeline's ops.
   *
   * @param data the scope of the data set, its order and the batch (left out of checkpoints)
   * @param train the training pass's scope, where the batch is augmented and converted to floats
   * @param batchSize images per step asked for; a batch never holds more than the training set
   * @param orderStream the run's data-order seed ({@link RandomStreams#order()})
   * @param noise the step's random numbers, for augmentation
   */
  InputPipeline(Ops data, Ops train, int trainCount, int evalCount, int batchSize, AugmentationConfig augmentation,
      long orderStream, StepNoise noise) {
    this.trainCount = trainCount;
    this.evalCount = evalCount;
    this.batchSize = Math.min(batchSize, trainCount);

    // The data set lives in the graph: filled once from a feed, never re-sent.
    trainPixelsFeed = data.placeholder(TUint8.class);
    trainLabelsFeed = data.placeholder(TInt32.class);
    evalPixelsFeed = data.placeholder(TUint8.class);
    evalLabelsFeed = data.placeholder(TInt32.class);
    Variable<TUint8> trainPixels = data.withName("train_pixels").variable(Shape.of(trainCount, 32, 32, 3),
        TUint8.class);
    Variable<TInt32> trainLabels = data.withName("train_labels").variable(Shape.of(trainCount), TInt32.class);
    Variable<TUint8> evalPixels = data.withName("eval_pixels").variable(Shape.of(evalCount, 32, 32, 3),
        TUint8.class);
    Variable<TInt32> evalLabels = data.withName("eval_labels").variable(Shape.of(evalCount), TInt32.class);
    loadOps.add(data.assign(trainPixels, trainPixelsFeed));
    loadOps.add(data.assign(trainLabels, trainLabelsFeed));
    loadOps.add(data.assign(evalPixels, evalPixelsFeed));
    loadOps.add(data.assign(evalLabels, evalLabelsFeed));
    trainSet = new StoredImages(trainPixels, trainLabels, trainCount);
    evalSet = new StoredImages(evalPixels, evalLabels, evalCount);

    // Each epoch draws a permutation, a function of the run's data-order seed and the epoch alone (stateless: a
    // resumed run visits the images in the same order); a step takes the batch at its offset.
    Variable<TInt32> permutation = data.withName("permutation").variable(Shape.of(trainCount), TInt32.class);
    epochFeed = data.withName("epoch").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> sortKeys = data.random.statelessRandomUniform(data.constant(new int[] {trainCount}),
        data.stack(List.of(data.constant(RandomStreams.key(orderStream, "data/shuffle")), epochFeed)),
        TFloat32.class);
    shuffle = data.assign(permutation, data.nn.topK(sortKeys, data.constant(trainCount), TInt32.class).indices());
    batchStart = data.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    indices = data.slice(permutation, data.reshape(batchStart, data.constant(new int[] {1})),
        data.constant(new int[] {this.batchSize}));
    Operand<TUint8> batchPixels = data.gather(trainPixels, indices, data.constant(0));
    labels = data.gather(trainLabels, indices, data.constant(0));

    Operand<TUint8> augmented = Augmentation.augment(train.withSubScope("augment"), batchPixels, this.batchSize,
        augmentation, noise);
    images = Augmentation.toFloat(train, augmented, augmentation.normalize());
  }

  /** The step's training images, {@code [batch, 32, 32, 3]}: augmented, as floats, normalised when configured. */
  Operand<TFloat32> images() {
    return images;
  }

  /** The step's training labels, in the order of {@link #images()}. */
  Operand<TInt32> labels() {
    return labels;
  }

  /** Which training images (positions in load order) the step's batch holds, in the epoch's order. */
  Operand<TInt32> batchIndices() {
    return indices;
  }

  /** Where the step's batch starts in the epoch's order: feed {@code step × batchSize()} with every step. */
  Placeholder<TInt32> batchStart() {
    return batchStart;
  }

  /** The training set, in load order (not the epoch's). */
  StoredImages trainSet() {
    return trainSet;
  }

  /** The evaluation set. */
  StoredImages evalSet() {
    return evalSet;
  }

  int batchSize() {
    return batchSize;
  }

  /** Steps per epoch: the last incomplete batch of each epoch is dropped (static shapes are faster). */
  int stepsPerEpoch() {
    return trainCount / batchSize;
  }

  /** Copies both image sets into the graph's variables: the only bulk transfer of a run. */
  void load(Session session, ImageSet train, ImageSet eval) {
    if (train.count() != trainCount || eval.count() != evalCount) {
      throw new IllegalArgumentException("graph built for " + trainCount + "/" + evalCount + " images, got "
          + train.count() + "/" + eval.count());
    }
    // CIFAR's records are channel-major; the graph wants NHWC. Converting here, once, is cheaper than a uint8
    // Transpose op, which oneDNN does not support on every CPU (it logs an error and falls back).
    try (TUint8 tp = TUint8.tensorOf(Shape.of(trainCount, 32, 32, 3), DataBuffers.of(toHwc(train), true, false));
        TInt32 tl = TInt32.vectorOf(toInts(train.labels()));
        TUint8 ep = TUint8.tensorOf(Shape.of(evalCount, 32, 32, 3), DataBuffers.of(toHwc(eval), true, false));
        TInt32 el = TInt32.vectorOf(toInts(eval.labels()))) {
      Session.Runner runner = session.runner().feed(trainPixelsFeed, tp).feed(trainLabelsFeed, tl)
          .feed(evalPixelsFeed, ep).feed(evalLabelsFeed, el);
      loadOps.forEach(runner::addTarget);
      runner.run().close();
    }
  }

  /** Record layout (per image: 1,024 red, 1,024 green, 1,024 blue) to height × width × channel. */
  static byte[] toHwc(ImageSet images) {
    byte[] chw = images.pixels();
    byte[] hwc = new byte[chw.length];
    int plane = ImageSet.SIDE * ImageSet.SIDE;
    for (int base = 0; base < chw.length; base += ImageSet.IMAGE_BYTES) {
      for (int p = 0; p < plane; p++) {
        int out = base + p * 3;
        hwc[out] = chw[base + p];
        hwc[out + 1] = chw[base + plane + p];
        hwc[out + 2] = chw[base + 2 * plane + p];
      }
    }
    return hwc;
  }

  private static int[] toInts(byte[] labels) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = labels[i];
    }
    return out;
  }

  /** Draws epoch {@code epoch}'s order of the training set (1-based; the same for the same run and epoch). */
  void shuffle(Session session, int epoch) {
    try (TInt64 e = TInt64.scalarOf(epoch)) {
      session.runner().feed(epochFeed, e).addTarget(shuffle).run().close();
    }
  }
}
