package dev.convbench.data;

/**
 * A problem with the CIFAR-10 data that the user has to fix: a missing, truncated or corrupt file, a partial data
 * set that was not explicitly accepted, a subset larger than the data, or a failed download. The message is written
 * for the user: it names the file or directory concerned and says what to do.
 */
public class DataException extends Exception {

  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
