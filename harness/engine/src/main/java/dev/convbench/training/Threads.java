package dev.convbench.training;

/**
 * How many threads TensorFlow uses: within one op (intra-op: a convolution split over cores) and for independent ops
 * run at once (inter-op). 0 leaves the choice to TensorFlow (the number of cores the process may use). Changes how
 * fast a run goes, not what it computes (on this project's CPU, runs are bit-identical across processes), so it is
 * not part of a run's identity.
 *
 * @param intraOp threads within an op, 0 for TensorFlow's default
 * @param interOp threads across independent ops, 0 for TensorFlow's default
 */
public record Threads(int intraOp, int interOp) {

  /** TensorFlow's own choice for both. */
  public static final Threads DEFAULT = new Threads(0, 0);

  public Threads {
    if (intraOp < 0 || interOp < 0) {
      throw new IllegalArgumentException("thread counts must be >= 0: " + intraOp + ", " + interOp);
    }
  }

  /** {@code n} threads for both. */
  public static Threads both(int n) {
    return new Threads(n, n);
  }

  @Override
  public String toString() {
    return this.equals(DEFAULT) ? "TensorFlow's default" : "intra-op " + show(intraOp) + ", inter-op " + show(interOp);
  }

  private static String show(int n) {
    return n == 0 ? "default" : Integer.toString(n);
  }
}
