package dev.chime.http;

import dev.chime.schedule.ClusterStatus;
import dev.chime.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * {@code /health/ready}: the config is applied, the scheduler acquires fires, the database answers
 * within a bound and this node's Quartz check-in is recent. The database is probed on a thread of
 * its own and waited for at most the bound, so a database that hangs never hangs the probe; while a
 * probe is still stuck, later ones answer "not ready" at once instead of piling up. A node whose
 * clock is more than {@code chime.cluster.max-clock-skew} off the database's is not ready either (it
 * logs a warning when that starts and when it ends).
 */
final class Readiness implements AutoCloseable {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Readiness.class);

  /** The verdict and, when not ready, every reason. */
  record Answer(boolean ready, List<String> reasons) {}

  private final ClusterStatus cluster;
  private final BooleanSupplier configApplied;
  private final Duration bound;
  private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "chime-readiness-probe");
    thread.setDaemon(true);
    return thread;
  });
  private final Clock clock;
  private final Duration maxClockSkew;
  private Future<Optional<String>> probe;
  private volatile boolean skewed;

  Readiness(ClusterStatus cluster, BooleanSupplier configApplied, Duration bound, Clock clock, Duration maxClockSkew) {
    this.cluster = cluster;
    this.configApplied = configApplied;
    this.bound = bound;
    this.clock = clock;
    this.maxClockSkew = maxClockSkew;
  }

  /** The readiness rule for clock skew: a reason when {@code |skew| > max}, nothing otherwise. */
  static Optional<String> clockSkewReason(Duration skew, Duration max) {
    if (skew.abs().compareTo(max) <= 0) {
      return Optional.empty();
    }
    return Optional.of("clock skew: this node's clock is " + Durations.format(skew.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
        + " off the database's (chime.cluster.max-clock-skew " + Durations.format(max) + ")");
  }

  /** Reads the skew, logs a warning when it crosses the bound (either way), and says why not ready. */
  private Optional<String> clockSkew() {
    Duration skew = cluster.clockSkew(clock, bound);
    Optional<String> reason = clockSkewReason(skew, maxClockSkew);
    if (reason.isPresent() != skewed) {
      skewed = reason.isPresent();
      if (skewed) {
        log.warn("Node {}: {}; it reports not ready until its clock is back in sync (NTP)", cluster.node(), reason.get());
      } else {
        log.warn("Node {}: clock skew back within chime.cluster.max-clock-skew {} ({})", cluster.node(),
            Durations.format(maxClockSkew), Durations.format(skew.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
      }
    }
    return reason;
  }

  synchronized Answer check() {
    List<String> reasons = new ArrayList<>();
    if (!configApplied.getAsBoolean()) {
      reasons.add("config not applied: this node has not finished reconciling its config into the store");
    }
    String state = cluster.schedulerState().id();
    if (!state.equals("running")) {
      reasons.add("scheduler is in " + state + ": this node acquires no fires");
    }
    database().ifPresent(reasons::add);
    return new Answer(reasons.isEmpty(), List.copyOf(reasons));
  }

  private Optional<String> database() {
    if (probe != null && !probe.isDone()) {
      return Optional.of("database: an earlier probe is still waiting for it (bound " + bound.toMillis() + " ms)");
    }
    probe = prober.submit(this::probeDatabase);
    try {
      return probe.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Optional.of("database did not answer within " + bound.toMillis() + " ms");
    } catch (ExecutionException e) {
      return Optional.of("database: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("readiness probe interrupted");
    }
  }

  private Optional<String> probeDatabase() {
    cluster.ping(bound);
    Optional<String> skew = clockSkew();
    if (skew.isPresent()) {
      return skew;
    }
    Optional<ClusterStatus.Member> self = cluster.self(bound);
    Instant now = Instant.now();
    if (self.isEmpty()) {
      return Optional.of("this node has no check-in row in qrtz_scheduler_state");
    }
    if (!self.get().aliveAt(now)) {
      return Optional.of("this node last checked in at " + self.get().lastCheckIn()
          + ", more than its check-in interval + 7.5 s ago: the cluster declares it dead");
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    prober.shutdownNow();
  }
}
