package dev.convbench.cli;

import dev.convbench.run.StopSignal;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and Ctrl-C (SIGINT) while a matrix trains: the first asks the training to stop after the current step
 * (checkpoint, status {@code interrupted}, report), a second Ctrl-C quits at once. Clusters send SIGTERM before
 * SIGKILL (Slurm's {@code --signal}/KillWait, Kubernetes' termination grace period), so the first is the one that
 * saves the work. The JVM's own handlers, which would end the process at once, are put back on {@link #close}.
 */
final class Signals implements AutoCloseable {

  private final List<Signal> installed = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Signals() {}

  /** Installs the handlers; {@code err} gets one line when a signal arrives. */
  static Signals install(StopSignal stop, PrintStream err) {
    Signals signals = new Signals();
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal signal = new Signal(name);
        SignalHandler old = Signal.handle(signal, s -> {
          if (!stop.requested()) {
            stop.request(name);
            err.println("convbench: SIG" + name + ": stopping after the current step, writing a checkpoint"
                + (name.equals("INT") ? " (Ctrl-C again quits at once)" : ""));
          } else if (name.equals("INT")) {
            err.println("convbench: quitting at once; the run continues from its last checkpoint");
            System.exit(ExitCode.INTERRUPTED_INT);
          }
        });
        signals.installed.add(signal);
        signals.previous.add(old);
      } catch (IllegalArgumentException unsupported) {
        // a platform without this signal (SIGTERM on Windows): the JVM's default stays
      }
    }
    return signals;
  }

  /** The exit code for a stop asked by {@code signal} ({@code TERM} or {@code INT}). */
  static int exitCode(String signal) {
    return "INT".equals(signal) ? ExitCode.INTERRUPTED_INT : ExitCode.INTERRUPTED_TERM;
  }

  @Override
  public void close() {
    for (int i = 0; i < installed.size(); i++) {
      Signal.handle(installed.get(i), previous.get(i));
    }
  }
}
