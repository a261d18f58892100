package dev.convbench.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Where a run's checkpoints go; the results store implements it. */
public interface CheckpointSink {

  /**
   * Writes one checkpoint, atomically: the variables (by calling {@code variables} with a file-name prefix to write
   * them to) and the position together, or nothing.
   */
  void checkpoint(TrainingPosition position, Consumer<Path> variables) throws IOException;

  /** Whether {@link #bestEpoch} wants to be called (it costs a save of the variables). */
  default boolean wantsBestEpochs() {
    return false;
  }

  /**
   * Called after an epoch whose evaluation accuracy is the best so far, with a way to write the variables as they are
   * now (to keep the best model).
   */
  default void bestEpoch(int epoch, double accuracy, Consumer<Path> variables) throws IOException {}

  /** A sink that keeps nothing. */
  CheckpointSink NONE = (position, variables) -> {};
}
