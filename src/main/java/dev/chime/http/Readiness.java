package dev.chime.http;

import dev.chime.schedule.ClusterStatus;
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
 * probe is still stuck, later ones answer "not ready" at once instead of piling up.
 */
final class Readiness implements AutoCloseable {

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
  private Future<Optional<String>> probe;

  Readiness(ClusterStatus cluster, BooleanSupplier configApplied, Duration bound) {
    this.cluster = cluster;
    this.configApplied = configApplied;
    this.bound = bound;
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
