package dev.convbench.results;

import java.util.Arrays;

/**
 * The confusion matrix of one evaluation, as stored in {@value MetricsCsv#CONFUSION_FILE}.
 *
 * @param epoch the epoch after which the evaluation ran
 * @param counts {@code counts[trueLabel][predictedLabel]}: evaluation images of a label predicted as another (a
 *     square matrix; copied in and out, so instances never change)
 */
public record ConfusionMatrix(int epoch, long[][] counts) {

  public ConfusionMatrix {
    counts = copy(counts);
    for (long[] row : counts) {
      if (row.length != counts.length) {
        throw new IllegalArgumentException("confusion matrix is not square");
      }
      for (long c : row) {
        if (c < 0) {
          throw new IllegalArgumentException("negative count " + c);
        }
      }
    }
  }

  /** A copy of the counts. */
  @Override
  public long[][] counts() {
    return copy(counts);
  }

  /** Number of labels. */
  public int classes() {
    return counts.length;
  }

  /** One count. */
  public long count(int trueLabel, int predictedLabel) {
    return counts[trueLabel][predictedLabel];
  }

  /** Evaluation images of label {@code trueLabel}. */
  public long support(int trueLabel) {
    return Arrays.stream(counts[trueLabel]).sum();
  }

  /** All evaluation images. */
  public long total() {
    return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
  }

  /** Images classified correctly. */
  public long correct() {
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += counts[i][i];
    }
    return sum;
  }

  /** Fraction of label {@code trueLabel}'s images classified correctly; {@code NaN} when it has none. */
  public double classAccuracy(int trueLabel) {
    long support = support(trueLabel);
    return support == 0 ? Double.NaN : (double) counts[trueLabel][trueLabel] / support;
  }

  /** The element-wise sum of two matrices of the same size (several seeds of a cell); the epoch of {@code this}. */
  public ConfusionMatrix plus(ConfusionMatrix other) {
    if (other.classes() != classes()) {
      throw new IllegalArgumentException("matrices of " + classes() + " and " + other.classes() + " labels");
    }
    long[][] sum = copy(counts);
    for (int i = 0; i < sum.length; i++) {
      for (int j = 0; j < sum.length; j++) {
        sum[i][j] += other.counts[i][j];
      }
    }
    return new ConfusionMatrix(epoch, sum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && m.epoch == epoch && Arrays.deepEquals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * epoch + Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix[epoch=" + epoch + ", counts=" + Arrays.deepToString(counts) + "]";
  }

  private static long[][] copy(long[][] counts) {
    long[][] out = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i].clone();
    }
    return out;
  }
}
