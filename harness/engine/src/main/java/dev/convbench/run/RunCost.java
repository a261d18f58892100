package dev.convbench.run;

import dev.convbench.experiment.RunSpec;

/**
 * What one run is expected to cost, from its experiment file alone (see {@link RunCosts}).
 *
 * @param run the run
 * @param macsPerImage multiply-accumulates of one image's forward pass; when {@code buildError} is set, a stand-in
 *     (see {@link RunCosts}) because the network could not be built
 * @param trainImages images the run trains on in one epoch
 * @param epochs passes over those images
 * @param buildError why the network could not be built, or {@code null} when {@code macsPerImage} was measured on
 *     its graph
 */
public record RunCost(RunSpec run, long macsPerImage, long trainImages, int epochs, String buildError) {

  public RunCost {
    if (macsPerImage < 0 || trainImages < 1 || epochs < 1) {
      throw new IllegalArgumentException("invalid cost of " + run.runId() + ": " + macsPerImage + " MAC/image, "
          + trainImages + " images, " + epochs + " epochs");
    }
  }

  /** A cost measured on the run's graph. */
  public RunCost(RunSpec run, long macsPerImage, long trainImages, int epochs) {
    this(run, macsPerImage, trainImages, epochs, null);
  }

  public String runId() {
    return run.runId();
  }

  /**
   * Multiply-accumulates of the forward passes of the whole training (every image of every epoch). A training
   * step costs about three times that (forward and backward); the ratio is the same for every run, so this is what
   * shards are balanced on.
   */
  public double macs() {
    return (double) macsPerImage * trainImages * epochs;
  }

  /** True when {@code macsPerImage} is a stand-in because the network failed to build. */
  public boolean isFallback() {
    return buildError != null;
  }
}
