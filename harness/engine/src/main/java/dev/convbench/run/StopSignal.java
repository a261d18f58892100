package dev.convbench.run;

/**
 * A request to stop training, set from a signal handler (SIGTERM, Ctrl-C) and read by the training loop after each
 * step: the run then writes a checkpoint, is recorded as interrupted, and the matrix stops.
 */
public final class StopSignal {

  private volatile String signal;

  /** Asks the training to stop; {@code signal} names why ({@code TERM}, {@code INT}). The first request counts. */
  public void request(String signal) {
    if (this.signal == null) {
      this.signal = signal;
    }
  }

  public boolean requested() {
    return signal != null;
  }

  /** The signal that asked, or null. */
  public String signal() {
    return signal;
  }
}
