package dev.convbench.run;

import java.util.Locale;

/** Which trained network a run keeps as a SavedModel in {@code <run>/model/}. */
public enum KeepModels {
  /** The weights after the last epoch. */
  LAST,
  /** The weights after the epoch with the highest evaluation accuracy (exported again at every new best). */
  BEST,
  /** None (checkpoints only, and only as many as kept). */
  NONE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
