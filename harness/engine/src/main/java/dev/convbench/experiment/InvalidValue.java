package dev.convbench.experiment;

/**
 * A value that a {@link ValueReader} refused. The message is usually a predicate such as
 * {@code must be a positive integer, got 'ten'} that the caller prefixes with the key; some messages are complete
 * sentences on their own ({@link #complete}).
 */
final class InvalidValue extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean complete;

  private InvalidValue(String message, boolean complete) {
    super(message, null, false, false); // control flow for the validator, never shown as a stack trace
    this.complete = complete;
  }

  /** {@code key} + " " + predicate, e.g. {@code must be a positive integer, got 'ten'}. */
  static InvalidValue because(String predicate) {
    return new InvalidValue(predicate, false);
  }

  /** A message that already names what is wrong, e.g. {@code unknown architecture 'resnet19'; ...}. */
  static InvalidValue complete(String message) {
    return new InvalidValue(message, true);
  }

  String messageFor(String key) {
    return complete ? getMessage() : key + " " + getMessage();
  }
}
