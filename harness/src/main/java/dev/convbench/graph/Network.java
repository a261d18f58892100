package dev.convbench.graph;

import org.tensorflow.op.Ops;

/** Builder context for architecture plugins (work in progress: the layer toolkit lands next). */
public final class Network {
  private final Ops tf;
  private final boolean training;
  private final int classes;

  public Network(Ops tf, boolean training, int classes) {
    this.tf = tf;
    this.training = training;
    this.classes = classes;
  }

  public Ops tf() {
    return tf;
  }

  public boolean training() {
    return training;
  }

  public int classes() {
    return classes;
  }
}
