package dev.chime.metrics;

import dev.chime.config.JobSpec;
import dev.chime.history.LastRuns;
import dev.chime.schedule.ClusterStatus;
import dev.chime.schedule.SuccessDeadline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gauges that read the store: the cluster's members, chime's triggers, the clock skew, and each
 * job's cluster-wide last run and success, next fire, pause and deadline. {@link #refresh()} reads
 * them all at once (a few queries); the gauges only ever read what the last refresh saw, so a scrape
 * never touches the database.
 */
final class StoreGauges {

  private static final List<String> TRIGGER_STATES = List.of("normal", "paused", "blocked", "error");

  private final ClusterStatus cluster;
  private final LastRuns lastRuns;
  private volatile List<JobSpec> specs;
  private final Map<String, JobMeters> jobs;
  private final Clock clock;
  private final Counter errors;
  private volatile ClusterStatus.Snapshot snapshot;
  private volatile Instant refreshedAt;

  /** The jobs to read, after a reload. */
  void specs(List<JobSpec> next) {
    specs = List.copyOf(next);
  }

  StoreGauges(ClusterStatus cluster, LastRuns lastRuns, List<JobSpec> specs, Map<String, JobMeters> jobs, Clock clock,
      MeterRegistry registry) {
    this.cluster = cluster;
    this.lastRuns = lastRuns;
    this.specs = specs;
    this.jobs = jobs;
    this.clock = clock;
    this.errors = Counter.builder(MeterNames.REFRESH_ERRORS)
        .description("Failed reads of the store for the metrics (the previous values are kept)").register(registry);
    register(registry);
  }

  private void register(MeterRegistry registry) {
    for (ClusterStatus.SchedulerState state : ClusterStatus.SchedulerState.values()) {
      Gauge.builder(MeterNames.SCHEDULER_STATE, cluster, c -> c.schedulerState() == state ? 1 : 0)
          .tag(MeterNames.STATE, state.id()).description("1 for this node's scheduler state").register(registry);
    }
    Gauge.builder(MeterNames.MEMBERS_ALIVE, this, StoreGauges::membersAlive)
        .description("Cluster members whose last check-in is within their interval plus 7.5 s").register(registry);
    Gauge.builder(MeterNames.CHECK_IN_AGE, this, StoreGauges::checkInAge).baseUnit("seconds")
        .description("Time since this node's last check-in in the store (NaN: not checked in)").register(registry);
    Gauge.builder(MeterNames.CLOCK_SKEW, this, g -> g.snapshot == null ? Double.NaN : g.snapshot.clockSkew().toNanos() / 1e9)
        .baseUnit("seconds").description("This node's clock minus the database's").register(registry);
    for (String state : TRIGGER_STATES) {
      Gauge.builder(MeterNames.TRIGGERS, this, g -> g.triggers(state)).tag(MeterNames.STATE, state)
          .description("Triggers in chime's Quartz group, by state").register(registry);
    }
    Gauge.builder(MeterNames.REFRESH_AGE, this, g -> g.refreshedAt == null ? Double.NaN
            : (clock.millis() - g.refreshedAt.toEpochMilli()) / 1000.0)
        .baseUnit("seconds").description("Age of the store values these metrics show").register(registry);
  }

  /** Reads the store; on failure counts an error and keeps the previous values. Never throws. */
  void refresh() {
    try {
      ClusterStatus.Snapshot read = cluster.read(clock);
      Map<String, LastRuns.Latest> latest = lastRuns.of(specs.stream().map(JobSpec::name).toList());
      for (JobSpec spec : specs) {
        update(spec, read, Optional.ofNullable(latest.get(spec.name())));
      }
      snapshot = read;
      refreshedAt = clock.instant();
    } catch (RuntimeException e) {
      errors.increment();
      org.slf4j.LoggerFactory.getLogger(StoreGauges.class).warn("metrics: cannot read the store: {}", e.getMessage());
    }
  }

  private void update(JobSpec spec, ClusterStatus.Snapshot read, Optional<LastRuns.Latest> latest) {
    JobState state = jobs.get(spec.name()).state;
    Optional<ClusterStatus.TriggerRow> trigger = read.mainTrigger(spec.name());
    Optional<Instant> successScheduled = latest.flatMap(LastRuns.Latest::lastSuccessScheduled);
    state.lastRun = JobState.seconds(latest.flatMap(LastRuns.Latest::lastStarted));
    state.lastSuccess = JobState.seconds(latest.flatMap(LastRuns.Latest::lastSuccessEnded));
    state.consecutiveFailures = latest.map(LastRuns.Latest::failuresSinceSuccess).orElse(0L);
    state.lastSuccessScheduled = successScheduled.orElse(null);
    state.nextFire = JobState.seconds(read.nextFire(spec.name()));
    state.paused = trigger.filter(t -> t.stateGroup().equals("paused")).isPresent() ? 1 : 0;
    state.deadline = trigger.isEmpty() ? Double.NaN
        : JobState.seconds(SuccessDeadline.of(spec, successScheduled, trigger.map(ClusterStatus.TriggerRow::start)));
  }

  private double membersAlive() {
    ClusterStatus.Snapshot read = snapshot;
    Instant now = clock.instant();
    return read == null ? Double.NaN : read.members().stream().filter(m -> m.aliveAt(now)).count();
  }

  private double checkInAge() {
    ClusterStatus.Snapshot read = snapshot;
    return read == null ? Double.NaN : read.members().stream().filter(m -> m.node().equals(cluster.node()))
        .mapToDouble(m -> (clock.millis() - m.lastCheckIn().toEpochMilli()) / 1000.0).findFirst().orElse(Double.NaN);
  }

  private double triggers(String state) {
    ClusterStatus.Snapshot read = snapshot;
    return read == null ? Double.NaN : read.triggersByState().getOrDefault(state, 0L);
  }
}
