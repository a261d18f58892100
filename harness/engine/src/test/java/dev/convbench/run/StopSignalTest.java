package dev.convbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StopSignalTest {

  @Test
  void nothingIsRequestedUntilASignalArrives() {
    StopSignal stop = new StopSignal();
    assertFalse(stop.requested());
    assertNull(stop.signal());
  }

  /** A SIGTERM after Ctrl-C must not turn an exit code of 130 into 143. */
  @Test
  void theFirstSignalIsTheOneRecorded() {
    StopSignal stop = new StopSignal();
    stop.request("INT");
    stop.request("TERM");
    assertTrue(stop.requested());
    assertEquals("INT", stop.signal());
  }

  /** Signal handlers run on a thread of their own; the training loop must see the request. */
  @Test
  void aRequestFromAnotherThreadIsSeen() throws InterruptedException {
    StopSignal stop = new StopSignal();
    CountDownLatch requested = new CountDownLatch(1);
    Thread handler = new Thread(() -> {
      stop.request("TERM");
      requested.countDown();
    });
    handler.start();
    requested.await();
    assertTrue(stop.requested());
    assertEquals("TERM", stop.signal());
  }
}
