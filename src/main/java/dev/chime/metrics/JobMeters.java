package dev.chime.metrics;

import dev.chime.execution.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One configured job's meters, registered at zero when the node starts. The timestamp gauges and the
 * consecutive failures read {@link JobState}, which the run events and the store refresh both set.
 */
final class JobMeters {

  /** Run duration buckets: 100 ms to 4 h. */
  private static final Duration[] DURATION_BUCKETS = durations(
      100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000,
      3_600_000, 7_200_000, 14_400_000);
  /** Fire lag buckets: 10 ms to 1 h. */
  private static final Duration[] LAG_BUCKETS = durations(
      10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000);
  static final List<RunOutcome> FINISHED =
      List.of(RunOutcome.SUCCEEDED, RunOutcome.FAILED, RunOutcome.TIMED_OUT, RunOutcome.INTERRUPTED);

  final JobState state = new JobState();
  final AtomicInteger running = new AtomicInteger();
  final Map<RunOutcome, Counter> runs = new EnumMap<>(RunOutcome.class);
  final Map<String, Counter> skipped = new HashMap<>();
  final Timer duration;
  final Timer fireLag;
  final Counter misfires;
  final Counter retries;
  final Counter recoveries;
  final Counter catchUps;

  JobMeters(String job, MeterRegistry registry) {
    Tags tags = Tags.of(MeterNames.JOB, job);
    for (RunOutcome outcome : FINISHED) {
      runs.put(outcome, Counter.builder(MeterNames.RUNS).tags(tags).tag(MeterNames.OUTCOME, outcome.id())
          .description("Runs of the job on this node that ended, by outcome").register(registry));
    }
    for (String reason : SkipReasons.ALL) {
      skipped.put(reason, Counter.builder(MeterNames.SKIPPED).tags(tags).tag(MeterNames.REASON, reason)
          .description("Fires of the job that this node did not run, by policy, by reason").register(registry));
    }
    duration = Timer.builder(MeterNames.RUN_DURATION).tags(tags).serviceLevelObjectives(DURATION_BUCKETS)
        .description("How long the job's runs on this node took, start to end").register(registry);
    fireLag = Timer.builder(MeterNames.FIRE_LAG).tags(tags).serviceLevelObjectives(LAG_BUCKETS)
        .description("Actual fire time minus scheduled fire time of the job's runs on this node").register(registry);
    misfires = counter(MeterNames.MISFIRES, tags, "Fires of the job Quartz found past the misfire threshold", registry);
    retries = counter(MeterNames.RETRIES, tags, "Further attempts of the job's failed fires filed by this node", registry);
    recoveries = counter(MeterNames.RECOVERIES, tags,
        "Runs on this node recovering a fire whose node died or stopped while running it", registry);
    catchUps = counter(MeterNames.CATCH_UPS, tags, "Catch-up runs of missed fires on this node (misfire policy)", registry);
    registerGauges(tags, registry);
  }

  private void registerGauges(Tags tags, MeterRegistry registry) {
    Gauge.builder(MeterNames.RUNNING, running, AtomicInteger::get).tags(tags)
        .description("Runs of the job in progress on this node").register(registry);
    Gauge.builder(MeterNames.CONSECUTIVE_FAILURES, state, s -> s.consecutiveFailures).tags(tags)
        .description("Runs of the job that failed or timed out since its last success, cluster-wide").register(registry);
    timestamp(MeterNames.LAST_RUN, tags, "Start of the job's latest run, cluster-wide", s -> s.lastRun, registry);
    timestamp(MeterNames.LAST_SUCCESS, tags, "End of the job's latest successful run, cluster-wide",
        s -> s.lastSuccess, registry);
    timestamp(MeterNames.NEXT_FIRE, tags, "The job's next scheduled fire (NaN: none)", s -> s.nextFire, registry);
    timestamp(MeterNames.SUCCESS_DEADLINE, tags,
        "Latest time by which the job must succeed again: next scheduled fire after its last success, plus grace",
        s -> s.deadline, registry);
    Gauge.builder(MeterNames.PAUSED, state, s -> s.paused).tags(tags)
        .description("1 when the job's trigger is paused").register(registry);
  }

  private void timestamp(String name, Tags tags, String help, java.util.function.ToDoubleFunction<JobState> value,
      MeterRegistry registry) {
    Gauge.builder(name, state, value).tags(tags).baseUnit("seconds")
        .description(help + ", in seconds since the epoch").register(registry);
  }

  private static Counter counter(String name, Tags tags, String help, MeterRegistry registry) {
    return Counter.builder(name).tags(tags).description(help).register(registry);
  }

  private static Duration[] durations(long... millis) {
    return java.util.Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
  }
}
