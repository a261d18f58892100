package dev.convbench.training;

/** Receives a run's progress as it happens. All methods are called on the training thread, in order. */
public interface TrainingListener {

  /** Called once before the first step. */
  default void onStart(int epochs, int stepsPerEpoch) {}

  /** Called after every step with running means of the current epoch (for progress display). */
  default void onStep(int epoch, int stepInEpoch, double runningLoss, double runningAccuracy, double imagesPerSecond) {}

  /** Called every {@link TrainingConfig#logEverySteps()} steps. */
  default void onStepLoss(StepLoss loss) {}

  /** Called after each epoch's evaluation. */
  default void onEpoch(EpochMetrics metrics) {}

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
    };
  }
}
