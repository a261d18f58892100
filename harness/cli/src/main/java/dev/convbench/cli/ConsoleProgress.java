package dev.convbench.cli;

import dev.convbench.data.DownloadListener;
import dev.convbench.experiment.RunSpec;
import dev.convbench.run.RunProgress;
import dev.convbench.training.EpochMetrics;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on standard error: a progress bar per run on a terminal (epoch, step, loss, accuracy, images/s, ETA),
 * one plain line per epoch otherwise (CI logs, redirected output).
 */
public final class ConsoleProgress implements RunProgress {

  private final PrintStream err;
  private final boolean interactive;

  @Inject
  public ConsoleProgress(CommandContext context) {
    this.err = context.err();
    this.interactive = context.interactive();
  }

  @Override
  public void message(String line) {
    err.println(line);
  }

  @Override
  public RunListener startRun(RunSpec run, int index, int total) {
    String name = String.format("[%d/%d] %s", index, total, run.runId());
    return interactive ? new BarListener(name) : new LineListener(name);
  }

  /** Download progress for the CIFAR-10 archive: a bar on a terminal, a line per 10 % otherwise. */
  public DownloadListener downloadListener() {
    return new DownloadListener() {
      private long lastTenth = -1;

      @Override
      public void progress(long done, long total) {
        if (total <= 0) {
          return;
        }
        long tenth = done * 10 / total;
        if (tenth != lastTenth) {
          lastTenth = tenth;
          err.printf(Locale.ROOT, "downloading CIFAR-10: %d %% of %.0f MB%n", tenth * 10, total / 1e6);
        }
      }

      @Override
      public void step(String message) {
        err.println(message);
      }
    };
  }

  private static String epochLine(EpochMetrics m) {
    return String.format(Locale.ROOT,
        "epoch %d: train loss %.4f acc %.2f%% | test loss %.4f acc %.2f%% | lr %.4g | %.1f s, %.0f img/s",
        m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(), 100 * m.testAccuracy(), m.learningRate(),
        m.epochSeconds(), m.imagesPerSecond());
  }

  /** Plain lines, one per epoch: safe for logs. */
  private final class LineListener implements RunListener {
    private final String name;

    LineListener(String name) {
      this.name = name;
      err.println(name + ": training");
    }

    @Override
    public void onEpoch(EpochMetrics m) {
      err.println(name + " " + epochLine(m));
    }

    @Override
    public void close() {}
  }

  /** A progress bar over all steps of the run. */
  private final class BarListener implements RunListener {
    private final String name;
    private ProgressBar bar;
    private int stepsPerEpoch;
    private int epochs;

    BarListener(String name) {
      this.name = name;
    }

    @Override
    public void onStart(int epochs, int stepsPerEpoch) {
      this.epochs = epochs;
      this.stepsPerEpoch = stepsPerEpoch;
      bar = new ProgressBarBuilder().setTaskName(name).setInitialMax((long) epochs * stepsPerEpoch)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err)).setUnit(" steps", 1)
          .setUpdateIntervalMillis(250).build();
    }

    @Override
    public void onStep(int epoch, int step, double loss, double accuracy, double imagesPerSecond) {
      bar.stepTo((long) (epoch - 1) * stepsPerEpoch + step);
      bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.3f acc %.1f%% %.0f img/s", epoch, epochs,
          loss, 100 * accuracy, imagesPerSecond));
    }

    @Override
    public void onEpoch(EpochMetrics m) {
      bar.pause();
      err.println();
      err.println(name + " " + epochLine(m));
      bar.resume();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
