package dev.convbench.training;

/** Receives a run's progress as it happens. All methods are called on the training thread, in order. */
public interface TrainingListener {

  /** Called once before the first step. */
  default void onStart(int epochs, int stepsPerEpoch) {}

  /** Called after every step with running means of the current epoch (for progress display). */
  default void onStep(int epoch, int stepInEpoch, double runningLoss, double runningAccuracy, double imagesPerSecond) {}

  /**
   * Called after every step with the seconds of its session run alone: what training time counts, and what
   * {@code bench} times.
   */
  default void onStepTime(double seconds) {}

  /** Called every {@link TrainingConfig#logEverySteps()} steps. */
  default void onStepLoss(StepLoss loss) {}

  /** Called after each epoch's evaluation. */
  default void onEpoch(EpochMetrics metrics) {}

  /** Called every {@link TrainingConfig#logEverySteps()} steps (a sample) and after each epoch (its mean). */
  default void onLayerStats(LayerStats stats) {}

  /**
   * Called after each evaluation with its confusion matrix: {@code counts[trueLabel][predictedLabel]}.
   */
  default void onConfusion(int epoch, long[][] counts) {}

  /** Called once when training ends (completed or diverged) with the process's peak resident memory in bytes. */
  default void onResources(long peakResidentBytes) {}

  /** Combines listeners, called in the given order. */
  static TrainingListener all(TrainingListener... listeners) {
    return new TrainingListener() {
      @Override
      public void onStart(int epochs, int stepsPerEpoch) {
        for (TrainingListener l : listeners) {
          l.onStart(epochs, stepsPerEpoch);
        }
      }

      @Override
      public void onStep(int epoch, int step, double loss, double accuracy, double imagesPerSecond) {
        for (TrainingListener l : listeners) {
          l.onStep(epoch, step, loss, accuracy, imagesPerSecond);
        }
      }

      @Override
      public void onStepTime(double seconds) {
        for (TrainingListener l : listeners) {
          l.onStepTime(seconds);
        }
      }

      @Override
      public void onStepLoss(StepLoss loss) {
        for (TrainingListener l : listeners) {
          l.onStepLoss(loss);
        }
      }

      @Override
      public void onEpoch(EpochMetrics metrics) {
        for (TrainingListener l : listeners) {
          l.onEpoch(metrics);
        }
      }

      @Override
      public void onLayerStats(LayerStats stats) {
        for (TrainingListener l : listeners) {
          l.onLayerStats(stats);
        }
      }

      @Override
      public void onConfusion(int epoch, long[][] counts) {
        for (TrainingListener l : listeners) {
          l.onConfusion(epoch, counts);
        }
      }

      @Override
      public void onResources(long peakResidentBytes) {
        for (TrainingListener l : listeners) {
          l.onResources(peakResidentBytes);
        }
      }
    };
  }
}
