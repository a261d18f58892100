package dev.convbench.training;

/** A checkpoint could not be written or read; the message names the file and the cause. */
public final class CheckpointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
