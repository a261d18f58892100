package dev.convbench.data;

/**
 * Hears how a CIFAR-10 download goes, e.g. to draw a progress bar. Called on the downloading thread; calls are
 * frequent (once per network read), so an implementation that redraws should throttle itself.
 */
public interface DownloadListener {

  /** A listener that ignores everything. */
  DownloadListener NONE = (done, total) -> { };

  /**
   * Bytes of the archive received so far.
   *
   * @param bytesDone bytes received
   * @param bytesTotal size of the archive, or {@code -1} when the server did not say
   */
  void progress(long bytesDone, long bytesTotal);

  /** A new step began, in words: {@code "downloading https://…"}, {@code "verifying checksum"}, {@code "unpacking"}. */
  default void step(String description) {
  }
}
