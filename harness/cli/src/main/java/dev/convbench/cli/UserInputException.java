package dev.convbench.cli;

/** A mistake in what the user asked for (exit code 2), reported as its message alone. */
public final class UserInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserInputException(String message) {
    super(message);
  }
}
