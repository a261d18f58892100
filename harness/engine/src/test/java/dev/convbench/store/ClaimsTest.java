package dev.convbench.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convbench.results.ClaimRecord;
import dev.convbench.results.ProcessIdentity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClaimsTest {

  @TempDir
  Path out;

  private final ClaimSettings settings = new ClaimSettings(Duration.ofMinutes(5), Duration.ofSeconds(30));
  private final ProcessIdentity me = Processes.current(Map.of());
  /** A process on another machine: its pid means nothing here, only its heartbeat counts. */
  private final ProcessIdentity remote = new ProcessIdentity("node7", "another-boot pid:[1]", 4711, null,
      "slurm:99_2");

  @Test
  void onlyOneOfManyRacingClaimersGetsTheRun() throws Exception {
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch observed = new CountDownLatch(racers);
    List<Future<Optional<HeldClaim>>> results = new ArrayList<>();
    List<Claims> all = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        Claims claims = new Claims(out, settings, me, Clock.systemUTC());
        all.add(claims);
        Callable<Optional<HeldClaim>> race = () -> {
          Claims.Observation seen = claims.observe("r1");
          observed.countDown();
          observed.await(); // everyone saw the run free before anyone claims it
          return claims.claim(seen);
        };
        results.add(pool.submit(race));
      }
      int winners = 0;
      for (Future<Optional<HeldClaim>> r : results) {
        winners += r.get().isPresent() ? 1 : 0;
      }
      assertEquals(1, winners);
      assertEquals(List.of("attempt-000001.json"), listing(out.resolve(".claims/r1")), "no temporary file left");
    } finally {
      pool.shutdownNow();
      all.forEach(Claims::close);
    }
  }

  @Test
  void aHeldClaimIsLiveAndAReleasedOneIsFreeAgain() throws IOException {
    try (Claims claims = new Claims(out, settings, me, Clock.systemUTC())) {
      HeldClaim held = claims.claim(claims.observe("r1")).orElseThrow();
      Claims.Observation live = claims.observe("r1");
      assertEquals(Claims.State.HELD, live.state());
      assertThrows(IllegalStateException.class, () -> claims.claim(live));

      held.release("completed");
      Claims.Observation free = claims.observe("r1");
      assertEquals(Claims.State.FREE, free.state());
      assertEquals("attempt 1 completed", free.reason());
      assertEquals(2, claims.claim(free).orElseThrow().record().attempt());
    }
  }

  @Test
  void aClaimWithoutHeartbeatForLongerThanTheTimeoutIsStaleAndItsTakeoverIsRecorded() throws IOException {
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    try (Claims remoteClaims = new Claims(out, settings, remote, Clock.fixed(t0, ZoneOffset.UTC))) {
      assertTrue(remoteClaims.claim(remoteClaims.observe("r1")).isPresent(), "the claim is taken");
    }
    try (Claims early = new Claims(out, settings, me, Clock.fixed(t0.plus(Duration.ofMinutes(4)), ZoneOffset.UTC))) {
      assertEquals(Claims.State.HELD, early.observe("r1").state(), "4 min without heartbeat: not yet stale");
    }
    try (Claims late = new Claims(out, settings, me, Clock.fixed(t0.plus(Duration.ofMinutes(6)), ZoneOffset.UTC))) {
      Claims.Observation stale = late.observe("r1");
      assertEquals(Claims.State.STALE, stale.state());
      assertEquals("last heartbeat 6 min ago", stale.reason());
      ClaimRecord taken = late.claim(stale).orElseThrow().record();
      assertEquals(2, taken.attempt());
      assertNotNull(taken.takeover());
      assertEquals(1, taken.takeover().attempt());
      assertEquals("node7", taken.takeover().holder().host());
      assertEquals("slurm:99_2", taken.takeover().holder().task());
    }
  }

  @Test
  void onTheSameMachineAClaimOfADeadProcessIsStaleAtOnce() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-version").redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
    ProcessIdentity dead = new ProcessIdentity(me.host(), me.machine(), child.pid(),
        child.info().startInstant().map(Instant::toString).orElse(null), null);
    child.waitFor();
    try (Claims theirs = new Claims(out, settings, dead, Clock.systemUTC());
        Claims mine = new Claims(out, settings, me, Clock.systemUTC())) {
      assertTrue(theirs.claim(theirs.observe("r1")).isPresent(), "the claim is taken");
      Claims.Observation seen = mine.observe("r1");
      assertEquals(Claims.State.STALE, seen.state());
      assertEquals("process " + child.pid() + " on " + me.host() + " is gone", seen.reason());
    }
  }

  @Test
  void aLiveProcessOnTheSameMachineKeepsItsClaimWhileItsHeartbeatIsRecent() throws IOException {
    ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
    ProcessIdentity alive = new ProcessIdentity(me.host(), me.machine(), parent.pid(),
        parent.info().startInstant().map(Instant::toString).orElse(null), null);
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    try (Claims theirs = new Claims(out, settings, alive, Clock.fixed(t0, ZoneOffset.UTC));
        Claims mine = new Claims(out, settings, me, Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC))) {
      assertTrue(theirs.claim(theirs.observe("r1")).isPresent(), "the claim is taken");
      assertEquals(Claims.State.HELD, mine.observe("r1").state());
    }
  }

  @Test
  void aHolderThatWasTakenOverStopsWritingAndReleasesNothing() throws Exception {
    Instant t0 = Instant.now();
    AtomicReference<Instant> now = new AtomicReference<>(t0);
    Clock moving = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    // Heartbeats every 50 ms: the holder notices the takeover within a few of them.
    ClaimSettings quick = new ClaimSettings(Duration.ofMillis(200), Duration.ofMillis(50));
    try (Claims holder = new Claims(out, quick, remote, moving);
        Claims taker = new Claims(out, quick, me, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)))) {
      HeldClaim held = holder.claim(holder.observe("r1")).orElseThrow();
      held.ensureHeld();
      now.set(t0.minus(Duration.ofMinutes(10))); // the holder's heartbeats now look ancient to the taker
      Thread.sleep(120);
      HeldClaim taken = taker.claim(taker.observe("r1")).orElseThrow();
      assertEquals(2, taken.record().attempt());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!held.lost() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(held.lost(), "the heartbeat notices attempt 2");
      ClaimLostException e = assertThrows(ClaimLostException.class, held::ensureHeld);
      assertTrue(e.getMessage().contains("taken over"), e.getMessage());
      String attempt1 = Files.readString(out.resolve(".claims/r1/attempt-000001.json"));
      held.release("completed");
      assertEquals(attempt1, Files.readString(out.resolve(".claims/r1/attempt-000001.json")),
          "a lost claim records no outcome");
      assertFalse(attempt1.contains("\"outcome\" : \"completed\""));
    }
  }

  @Test
  void aHolderWhoseMachineWasSuspendedChecksItsClaimBeforeWritingAgain() throws Exception {
    // A suspended machine: the wall clock jumps on resume, System.nanoTime() (CLOCK_MONOTONIC) does not, and the
    // heartbeat thread is not due yet. The first write after resuming must still find the takeover.
    Instant t0 = Instant.now();
    AtomicReference<Instant> now = new AtomicReference<>(t0);
    Clock wall = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now.get(); }
    };
    try (Claims holder = new Claims(out, settings, remote, wall);
        Claims taker = new Claims(out, settings, me, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)))) {
      HeldClaim held = holder.claim(holder.observe("r1")).orElseThrow();
      held.ensureHeld();
      assertTrue(taker.claim(taker.observe("r1")).isPresent(), "the claim is taken"); // 10 minutes later, by the taker's clock: stale
      now.set(t0.plus(Duration.ofMinutes(10))); // the holder's machine resumes
      assertThrows(ClaimLostException.class, held::ensureHeld);
      assertTrue(held.lost());
    }
  }

  @Test
  void aHolderTakenOverBetweenTwoHeartbeatsWritesNothingMore() throws Exception {
    // The taker's clock is ahead (or its view of the holder's file is late, as on NFS): it may take a run over
    // long before the holder's next heartbeat. The holder's very next write must see it.
    try (Claims holder = new Claims(out, settings, remote, Clock.systemUTC());
        Claims taker = new Claims(out, settings, me, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)))) {
      HeldClaim held = holder.claim(holder.observe("r1")).orElseThrow();
      held.ensureHeld();
      Claims.Observation seen = taker.observe("r1");
      assertEquals(Claims.State.STALE, seen.state());
      assertTrue(taker.claim(seen).isPresent(), "the claim is taken");
      assertThrows(ClaimLostException.class, held::ensureHeld);
      assertTrue(held.lost());
    }
  }

  @Test
  void aShorterStaleTimeoutThanTheHoldersHeartbeatDoesNotTakeOverItsLiveClaim() throws Exception {
    // The holder heartbeats every 30 s; a process started with --stale-after 100ms would otherwise take over every
    // run between two of its heartbeats.
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    try (Claims holder = new Claims(out, settings, remote, Clock.fixed(t0, ZoneOffset.UTC))) {
      assertTrue(holder.claim(holder.observe("r1")).isPresent(), "the claim is taken");
    }
    ClaimSettings impatient = new ClaimSettings(Duration.ofMillis(100), Duration.ofMillis(50));
    try (Claims early = new Claims(out, impatient, me, Clock.fixed(t0.plusSeconds(20), ZoneOffset.UTC));
        Claims late = new Claims(out, impatient, me, Clock.fixed(t0.plus(Duration.ofMinutes(6)), ZoneOffset.UTC))) {
      assertEquals(Claims.State.HELD, early.observe("r1").state(), "20 s without heartbeat: within 2 of its beats");
      assertEquals(Claims.State.STALE, late.observe("r1").state());
    }
    try (Claims afterTwoBeats = new Claims(out, impatient, me, Clock.fixed(t0.plusSeconds(61), ZoneOffset.UTC))) {
      assertEquals(Claims.State.STALE, afterTwoBeats.observe("r1").state(), "not the holder's 5 minutes");
    }
  }

  @Test
  void aHeartbeatFromTheFutureIsCalledSoNotZeroSecondsAgo() throws IOException {
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    try (Claims fast = new Claims(out, settings, remote, Clock.fixed(t0.plus(Duration.ofHours(3)), ZoneOffset.UTC));
        Claims mine = new Claims(out, settings, me, Clock.fixed(t0, ZoneOffset.UTC))) {
      assertTrue(fast.claim(fast.observe("r1")).isPresent(), "the claim is taken");
      Claims.Observation seen = mine.observe("r1");
      assertEquals(Claims.State.HELD, seen.state());
      assertEquals("heartbeat dated 180 min in the future (the clocks of this machine and the holder's disagree)",
          seen.reason());
    }
  }

  @Test
  void theHeartbeatRewritesOnlyTheHoldersOwnFile() throws Exception {
    ClaimSettings quick = new ClaimSettings(Duration.ofSeconds(2), Duration.ofMillis(50));
    try (Claims claims = new Claims(out, quick, me, Clock.systemUTC())) {
      HeldClaim held = claims.claim(claims.observe("r1")).orElseThrow();
      String first = held.record().heartbeatAt();
      Thread.sleep(300);
      String later = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(out.resolve(".claims/r1/attempt-000001.json").toFile()).path("heartbeatAt").asText();
      assertTrue(Instant.parse(later).isAfter(Instant.parse(first)), first + " then " + later);
      held.release("completed");
      assertEquals(List.of("attempt-000001.json"), listing(out.resolve(".claims/r1")));
    }
  }

  @Test
  void aClaimWhoseHeartbeatIsNotAnInstantIsJudgedByItsFileAgeInsteadOfFailingEveryObserver() throws IOException {
    try (Claims remoteClaims = new Claims(out, settings, remote, Clock.systemUTC())) {
      assertTrue(remoteClaims.claim(remoteClaims.observe("r1")).isPresent(), "the claim is taken");
      assertTrue(remoteClaims.claim(remoteClaims.observe("r2")).isPresent(), "the claim is taken");
    }
    Path garbled = out.resolve(".claims/r1/attempt-000001.json");
    Files.writeString(garbled, Files.readString(garbled).replaceFirst("\"heartbeatAt\" : \"[^\"]*\"",
        "\"heartbeatAt\" : \"yesterday\""));
    Path missing = out.resolve(".claims/r2/attempt-000001.json");
    Files.writeString(missing, Files.readString(missing).replaceFirst("\"heartbeatAt\" : \"[^\"]*\"",
        "\"heartbeatAt\" : null"));
    try (Claims mine = new Claims(out, settings, me, Clock.systemUTC())) {
      assertEquals(Claims.State.HELD, mine.observe("r1").state(), "a fresh file: perhaps being written");
      assertEquals(Claims.State.HELD, mine.observe("r2").state());
      Files.setLastModifiedTime(garbled, java.nio.file.attribute.FileTime.from(Instant.now().minus(
          Duration.ofMinutes(10))));
      Claims.Observation stale = mine.observe("r1");
      assertEquals(Claims.State.STALE, stale.state());
      assertEquals(2, mine.claim(stale).orElseThrow().record().attempt(), "the run can be taken over");
    }
  }

  @Test
  void settingsRefuseAHeartbeatThatCannotKeepAClaimLive() {
    assertThrows(IllegalArgumentException.class, () -> new ClaimSettings(Duration.ofSeconds(30),
        Duration.ofSeconds(30)));
  }

  private static List<String> listing(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
