package dev.convbench.graph;

import dev.convbench.spi.Internal;
/**
 * A run's randomness as three independent streams, each derived from its own seed (one seed for all three unless the
 * experiment varies them apart): the initial weights, the order in which the training images are visited, and the
 * per-step training noise (augmentation: crops and flips; dropout masks).
 * Each is a function of the seed and of where the run is (epoch, step), never of what ran before in the process, so
 * a run resumed from a checkpoint sees the same batches as one that was never interrupted, and an experiment can
 * vary one stream while holding the others.
 *
 * @param init seed of the initial weights
 * @param order seed of the data order (one permutation per epoch)
 * @param noise seed of augmentation and dropout (per step)
 */
@Internal
public record RandomStreams(long init, long order, long noise) {

  /** The streams of run seed {@code seed}: all three from it. */
  public static RandomStreams of(long seed) {
    return of(seed, seed, seed);
  }

  /**
   * Streams from a seed each. Each stream mixes its own seed with its own number, so a stream with seed s is the
   * same as that stream of run seed s: changing one seed changes that stream alone.
   */
  public static RandomStreams of(long initSeed, long orderSeed, long noiseSeed) {
    return new RandomStreams(mix(initSeed, 1), mix(orderSeed, 2), mix(noiseSeed, 3));
  }

  /** A 31-bit positive key for {@code purpose} within stream {@code stream} (TensorFlow seeds are int64 pairs). */
  public static long key(long stream, String purpose) {
    return (mix(stream, purpose.hashCode()) & 0x7FFFFFFFL) + 1;
  }

  /** SplitMix64's finaliser over a seed and a stream number: independent-looking values for neighbouring inputs. */
  static long mix(long seed, long stream) {
    long z = seed + stream * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
