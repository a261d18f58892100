package dev.convbench.store;

import dev.convbench.results.AtomicFiles;
import dev.convbench.results.ClaimRecord;
import dev.convbench.results.ProcessIdentity;
import dev.convbench.results.ResultsJson;
import dev.convbench.results.ResultsLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Claims on the runs of one results directory, so that any number of processes, on one machine or on several
 * sharing the directory, train each run once.
 *
 * <h2>Protocol</h2>
 * Every attempt at run {@code R} is a file {@code <out>/.claims/R/attempt-NNNNNN.json} ({@link ClaimRecord}).
 * <ul>
 *   <li><b>Claiming</b> attempt {@code n+1} means creating its file, exclusively: the record is written to a
 *       uniquely named temporary file and hard-linked to the attempt's name ({@link AtomicFiles#createExclusively}).
 *       {@code link(2)} fails when the name exists, atomically, on local file systems and on NFS (v2 and later)
 *       alike; it is the lock of NFS mail spools. No {@code flock}, which NFS does not honour everywhere.</li>
 *   <li>The <b>current</b> attempt is the highest-numbered file. Attempt {@code n+1} may be claimed only when attempt
 *       {@code n} is released (it has an outcome) or stale. Two processes racing for {@code n+1} cannot both win.</li>
 *   <li>The holder <b>rewrites only its own file</b>: its heartbeat every {@link ClaimSettings#heartbeat()}, its
 *       outcome when it lets go (atomically, write-then-rename). Before each heartbeat and before anything that
 *       writes the run's files ({@link HeldClaim#ensureHeld()}), it checks that no attempt {@code n+1} exists: a
 *       holder that was taken over stops writing at once.</li>
 *   <li>A held attempt is <b>stale</b> when its heartbeat is older than {@link ClaimSettings#staleAfter()}, or, seen
 *       from the same machine, when its process is gone (then there is no need to wait).</li>
 * </ul>
 *
 * <p>Instances are safe for use by several threads; heartbeats run on one daemon thread per instance.
 */
public final class Claims implements AutoCloseable {

  /** At most nine digits: a hand-made name beyond int range is not an attempt, rather than a crash for everyone. */
  private static final Pattern ATTEMPT_FILE = Pattern.compile("attempt-(\\d{6,9})\\.json");

  private final Path root;
  private final ClaimSettings settings;
  private final ProcessIdentity self;
  private final Clock clock;
  private final ResultsJson json = new ResultsJson();
  private ScheduledExecutorService heartbeats;

  public Claims(Path resultsDirectory, ClaimSettings settings, ProcessIdentity self, Clock clock) {
    this.root = resultsDirectory.resolve(ResultsLayout.CLAIMS_DIRECTORY);
    this.settings = Objects.requireNonNull(settings);
    this.self = Objects.requireNonNull(self);
    this.clock = Objects.requireNonNull(clock);
  }

  public ClaimSettings settings() {
    return settings;
  }

  /** What a run's claims say now. */
  public Observation observe(String runId) throws IOException {
    Path dir = runClaims(runId);
    Optional<Path> latest = latestAttempt(dir);
    if (latest.isEmpty()) {
      return new Observation(runId, null, 0, State.FREE, "never claimed");
    }
    Path file = latest.get();
    int attempt = attemptNumber(file);
    ClaimRecord record;
    Instant heartbeat;
    try {
      record = json.read(file, ClaimRecord.class);
      // A heartbeat that is missing or not an instant (a claim edited by hand) makes the claim unreadable too,
      // rather than failing every process that looks at the directory.
      heartbeat = record.released() ? null : Instant.parse(Objects.requireNonNull(record.heartbeatAt()));
    } catch (NoSuchFileException e) {
      return observe(runId); // removed by hand between listing and reading
    } catch (IOException | RuntimeException e) {
      // Only a file system without hard links can show a claim before its content; judge it by its age.
      Duration age = age(Files.getLastModifiedTime(file).toInstant());
      return age.compareTo(settings.staleAfter()) > 0
          ? new Observation(runId, null, attempt, State.STALE, "unreadable claim " + minutes(age) + " old")
          : new Observation(runId, null, attempt, State.HELD, "claim being written");
    }
    if (record.released()) {
      return new Observation(runId, record, attempt, State.FREE, "attempt " + attempt + " " + record.outcome());
    }
    if (self.sameMachine(record.holder()) && record.holder().pid() != self.pid()
        && !Processes.isAlive(record.holder())) {
      return new Observation(runId, record, attempt, State.STALE, "process " + record.holder().pid() + " on "
          + record.holder().host() + " is gone");
    }
    Duration age = age(heartbeat);
    if (age.compareTo(staleAfter(record)) > 0) {
      return new Observation(runId, record, attempt, State.STALE, "last heartbeat " + minutes(age) + " ago");
    }
    Duration ahead = Duration.between(clock.instant(), heartbeat);
    if (ahead.compareTo(Duration.ofSeconds(1)) > 0) {
      // Not "0 s ago": the run stays held until this clock catches up, and whoever reads this should know why.
      return new Observation(runId, record, attempt, State.HELD, "heartbeat dated " + minutes(ahead)
          + " in the future (the clocks of this machine and the holder's disagree)");
    }
    return new Observation(runId, record, attempt, State.HELD, "heartbeat " + seconds(age) + " ago");
  }

  /**
   * Claims the attempt after the one {@code seen} describes.
   *
   * @return the claim, or empty when another process claimed that attempt first (observe again)
   * @throws IllegalStateException when {@code seen} is held by a live process
   */
  public Optional<HeldClaim> claim(Observation seen) throws IOException {
    if (seen.state() == State.HELD) {
      throw new IllegalStateException("run " + seen.runId() + " is held: " + seen.reason());
    }
    int attempt = seen.attempt() + 1;
    String now = clock.instant().toString();
    ClaimRecord.Takeover takeover = seen.state() == State.STALE
        ? new ClaimRecord.Takeover(seen.attempt(), seen.latest() == null ? null : seen.latest().holder(),
            seen.latest() == null ? null : seen.latest().heartbeatAt(), seen.reason())
        : null;
    ClaimRecord record = new ClaimRecord(seen.runId(), attempt, UUID.randomUUID().toString(), self, now, now,
        takeover, null, null, settings.heartbeat().toString());
    Path dir = runClaims(seen.runId());
    Files.createDirectories(dir);
    Path file = dir.resolve(attemptFileName(attempt));
    if (!AtomicFiles.createExclusively(file, json.write(record))) {
      return Optional.empty();
    }
    return Optional.of(new HeldClaim(this, file, record));
  }

  @Override
  public synchronized void close() {
    if (heartbeats != null) {
      heartbeats.shutdownNow();
    }
  }

  synchronized ScheduledExecutorService heartbeats() {
    if (heartbeats == null) {
      heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "convbench-claim-heartbeat");
        t.setDaemon(true);
        return t;
      });
    }
    return heartbeats;
  }

  Clock clock() {
    return clock;
  }

  ResultsJson json() {
    return json;
  }

  static String attemptFileName(int attempt) {
    return String.format("attempt-%06d.json", attempt);
  }

  private Path runClaims(String runId) {
    return root.resolve(runId);
  }

  private static Optional<Path> latestAttempt(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    return attemptFiles(dir).reduce((a, b) -> b);
  }

  private static Stream<Path> attemptFiles(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> ATTEMPT_FILE.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(Claims::attemptNumber)).toList().stream();
    }
  }

  private static int attemptNumber(Path file) {
    Matcher m = ATTEMPT_FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not an attempt file: " + file);
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * How long a claim may go without a heartbeat: this process's timeout, but at least two of the holder's heartbeat
   * intervals (a holder started with a longer heartbeat than this process's timeout is alive between its beats).
   */
  private Duration staleAfter(ClaimRecord record) {
    try {
      Duration floor = record.heartbeat() == null ? Duration.ZERO : Duration.parse(record.heartbeat()).multipliedBy(2);
      return floor.compareTo(settings.staleAfter()) > 0 ? floor : settings.staleAfter();
    } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
      return settings.staleAfter();
    }
  }

  private Duration age(Instant then) {
    Duration age = Duration.between(then, clock.instant());
    return age.isNegative() ? Duration.ZERO : age;
  }

  private static String minutes(Duration d) {
    return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }

  /**
   * What the claims of a run allow: a claim's state, not the run's ({@link dev.convbench.results.RunStatus} is what the
   * run's files say). A completed run's claim is free, a run that is running may be held or stale, and which one
   * decides who may train it.
   */
  public enum State {
    /** Never claimed, or the last attempt was released: whoever wants the run may claim it. */
    FREE,
    /** A live process holds it: hands off. */
    HELD,
    /** Held by a process that is gone or silent for too long: may be taken over. */
    STALE
  }

  /**
   * A run's claims as observed.
   *
   * @param runId the run
   * @param latest the latest attempt's record; {@code null} when there is none or it is unreadable
   * @param attempt the latest attempt's number, 0 when never claimed
   * @param state what the claims allow
   * @param reason for people, e.g. {@code heartbeat 12 s ago} or {@code process 4711 on node3 is gone}
   */
  public record Observation(String runId, ClaimRecord latest, int attempt, State state, String reason) {

    /** Who holds or last held the run, for messages; empty when unknown. */
    public String holderDescription() {
      return latest == null ? "" : latest.holder().describe();
    }
  }
}
