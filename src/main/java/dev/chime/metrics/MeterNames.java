package dev.chime.metrics;

/**
 * Every meter chime registers, by its Micrometer name: dotted, in base units. The Prometheus
 * registry turns {@code chime.job.runs} into {@code chime_job_runs_total} and a gauge with base unit
 * seconds, {@code chime.job.last.run.timestamp}, into {@code chime_job_last_run_timestamp_seconds}.
 */
public final class MeterNames {

  /** Tag of every per-job meter: one of the configured jobs' names. */
  public static final String JOB = "job";
  /** Tag of {@link #RUNS}: succeeded, failed, timed_out, interrupted. */
  public static final String OUTCOME = "outcome";
  /** Tag of {@link #SKIPPED}: see {@link SkipReasons}. */
  public static final String REASON = "reason";
  /** Tag of the state meters. */
  public static final String STATE = "state";

  public static final String RUNS = "chime.job.runs";
  public static final String RUN_DURATION = "chime.job.run.duration";
  public static final String FIRE_LAG = "chime.job.fire.lag";
  public static final String RUNNING = "chime.job.running";
  public static final String MISFIRES = "chime.job.misfires";
  public static final String SKIPPED = "chime.job.skipped";
  public static final String RETRIES = "chime.job.retries";
  public static final String RECOVERIES = "chime.job.recoveries";
  public static final String CATCH_UPS = "chime.job.catch.ups";
  public static final String CONSECUTIVE_FAILURES = "chime.job.consecutive.failures";
  public static final String LAST_RUN = "chime.job.last.run.timestamp";
  public static final String LAST_SUCCESS = "chime.job.last.success.timestamp";
  public static final String NEXT_FIRE = "chime.job.next.fire.timestamp";
  public static final String SUCCESS_DEADLINE = "chime.job.success.deadline.timestamp";
  public static final String PAUSED = "chime.job.paused";

  public static final String SCHEDULER_STATE = "chime.scheduler.state";
  public static final String MEMBERS_ALIVE = "chime.cluster.members.alive";
  public static final String CHECK_IN_AGE = "chime.cluster.check.in.age";
  public static final String CLOCK_SKEW = "chime.clock.skew";
  public static final String TRIGGERS = "chime.triggers";
  public static final String RECONCILES = "chime.reconciles";
  public static final String RELOADS = "chime.config.reloads";
  public static final String CONFIG_INFO = "chime.config.info";
  public static final String BUILD_INFO = "chime.build.info";
  public static final String REFRESH_ERRORS = "chime.metrics.refresh.errors";
  public static final String REFRESH_AGE = "chime.metrics.refresh.age";

  /** Tag of {@link #CONFIG_INFO}: {@code ChimeConfig.jobsHash()}. */
  public static final String HASH = "hash";
  /** Tag of {@link #BUILD_INFO}. */
  public static final String VERSION = "version";

  private MeterNames() {}
}
