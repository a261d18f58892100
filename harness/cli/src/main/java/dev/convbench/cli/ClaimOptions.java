package dev.convbench.cli;

import dev.convbench.store.ClaimSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a process shares a results directory with others: claims, their timeouts, and failed runs. */
final class ClaimOptions {

  @Option(names = "--stale-after", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "A claim on a run whose heartbeat is older than this is stale and is taken over (default: 5m). "
          + "On one machine a claim whose process is gone is taken over at once.")
  Duration staleAfter = ClaimSettings.DEFAULT_STALE_AFTER;

  @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How often a process renews its claim while training (default: 30s).")
  Duration heartbeat = ClaimSettings.DEFAULT_HEARTBEAT;

  @Option(names = "--retry-failed",
      description = "Train runs that failed before again (by default they stay failed, so workers never loop on a "
          + "broken run).")
  boolean retryFailed;

  ClaimSettings settings() {
    try {
      return new ClaimSettings(staleAfter, heartbeat);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage() + " (--stale-after, --heartbeat)");
    }
  }
}
