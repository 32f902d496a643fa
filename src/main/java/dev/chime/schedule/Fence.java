package dev.chime.schedule;

import dev.chime.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing: a node that has not seen its own check-in in the store for {@link #bound} stops
 * acquiring fires and cancels its running work (processes killed, requests aborted), so a node cut
 * off from the database never runs a job while the node that recovered it does. The bound, check-in
 * interval + 2 s, is below the time after which the other nodes recover its work (Quartz: interval
 * + 7.5 s after the last check-in, judged at their own check-ins). When its check-ins are seen again
 * the node takes fires again.
 */
public final class Fence implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Fence.class);
  static final Duration MARGIN = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration QUERY_BOUND = Duration.ofSeconds(1);

  private final ClusterStatus status;
  private final ClusterScheduler scheduler;
  private final Runnable cancelRunning;
  private final Duration bound;
  private final Duration interval;
  private final Clock clock;
  // Two threads: reading the check-in may block on a dead database (waiting for a connection);
  // judging its age must not.
  private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "chime-fence");
    t.setDaemon(true);
    return t;
  });
  private volatile Instant lastSeen;
  private volatile boolean fenced;

  public Fence(ClusterScheduler scheduler, Duration checkInInterval, Runnable cancelRunning, Clock clock) {
    this.status = scheduler.status();
    this.scheduler = scheduler;
    this.cancelRunning = cancelRunning;
    this.interval = checkInInterval;
    this.bound = checkInInterval.plus(MARGIN);
    this.clock = clock;
    this.lastSeen = clock.instant();
  }

  public Fence start() {
    threads.scheduleWithFixedDelay(this::read, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    threads.scheduleWithFixedDelay(this::check, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public boolean fenced() {
    return fenced;
  }

  /** How long this node waits without seeing its check-in before it fences itself. */
  public Duration bound() {
    return bound;
  }

  /** Notes this node's latest check-in as the store shows it. */
  private void read() {
    try {
      status.self(QUERY_BOUND).ifPresent(self -> lastSeen = max(lastSeen, self.lastCheckIn()));
    } catch (RuntimeException e) {
      // The store does not answer: the check-in cannot be seen, and its age grows.
    }
  }

  private void check() {
    try {
      Duration age = Duration.between(lastSeen, clock.instant());
      if (!fenced && age.compareTo(bound) > 0) {
        fence(age);
      } else if (fenced && age.compareTo(interval.plus(POLL)) <= 0) {
        unfence();
      }
    } catch (RuntimeException e) {
      log.error("Fence check failed: {}", e.getMessage(), e);
    }
  }

  private void fence(Duration age) {
    fenced = true;
    log.error("Node {} has not checked in to the cluster for {} (fence bound {}): it stops taking fires and "
        + "cancels its running work, which the other nodes will recover", scheduler.instanceId(),
        Durations.format(age.withNanos(0)), Durations.format(bound));
    scheduler.standby();
    cancelRunning.run();
  }

  private void unfence() {
    log.warn("Node {} checks in to the cluster again: it takes fires again", scheduler.instanceId());
    scheduler.start();
    fenced = false;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
