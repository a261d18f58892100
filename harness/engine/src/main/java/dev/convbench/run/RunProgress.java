package dev.convbench.run;

import dev.convbench.experiment.RunSpec;
import dev.convbench.training.TrainingListener;

/** Shows the progress of an experiment's runs to the person who started it. */
public interface RunProgress {

  /** A listener for one run, {@code index} of {@code total} (1-based); closed when the run ends. */
  RunListener startRun(RunSpec run, int index, int total);

  /** A one-line message: a skipped run, a finished one, a warning. */
  void message(String line);

  /** Listener for one run's training that can be closed when the run ends. */
  interface RunListener extends TrainingListener, AutoCloseable {
    @Override
    void close();
  }
}
