package dev.chime.metrics;

import dev.chime.config.JobSpec;
import dev.chime.execution.Fire;
import dev.chime.execution.RunContext;
import dev.chime.execution.RunJournal;
import dev.chime.execution.RunListener;
import dev.chime.execution.RunOutcome;
import dev.chime.execution.RunTrigger;
import dev.chime.schedule.SuccessDeadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The run events as meters. Events of a job that is not in this node's config (the store holds a
 * definition this node's file lacks) are dropped, so the {@code job} tag stays bounded.
 */
final class RunMetrics implements RunListener {

  private final Map<String, JobMeters> jobs;
  private final Clock clock;

  RunMetrics(Map<String, JobMeters> jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  @Override
  public void started(JobSpec spec, RunContext context, Fire fire) {
    JobMeters job = jobs.get(spec.name());
    if (job == null) {
      return;
    }
    job.running.incrementAndGet();
    job.state.lastRun = JobState.seconds(clock.instant());
    if (fire.trigger() != RunTrigger.RETRY && fire.trigger() != RunTrigger.RECOVERY) {
      // a retry's or a recovery's scheduled time is its original fire's: its lag would be the backoff or the outage
      Duration lag = Duration.between(context.scheduledFireTime(), context.actualFireTime());
      job.fireLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }
    if (fire.trigger() == RunTrigger.RECOVERY) {
      job.recoveries.increment();
    } else if (fire.trigger() == RunTrigger.CATCH_UP) {
      job.catchUps.increment();
    }
  }

  @Override
  public void finished(JobSpec spec, RunContext context, RunJournal.Result result, Duration took) {
    JobMeters job = jobs.get(spec.name());
    if (job == null) {
      return;
    }
    job.running.decrementAndGet();
    job.duration.record(took.isNegative() ? Duration.ZERO : took);
    Optional.ofNullable(job.runs.get(result.outcome())).ifPresent(c -> c.increment());
    if (result.outcome() == RunOutcome.SUCCEEDED) {
      succeeded(spec, job.state, context.scheduledFireTime(), result.endedAt());
    } else if (result.outcome() == RunOutcome.FAILED || result.outcome() == RunOutcome.TIMED_OUT) {
      job.state.consecutiveFailures = job.state.consecutiveFailures + 1;
    }
  }

  private static void succeeded(JobSpec spec, JobState state, Instant scheduled, Instant ended) {
    state.consecutiveFailures = 0;
    state.lastSuccess = JobState.seconds(ended);
    Instant previous = state.lastSuccessScheduled;
    if (previous == null || scheduled.isAfter(previous)) {
      state.lastSuccessScheduled = scheduled;
      state.deadline = JobState.seconds(SuccessDeadline.of(spec, Optional.of(scheduled), Optional.empty()));
    }
  }

  @Override
  public void skipped(JobSpec spec, Fire fire, String reason) {
    Optional.ofNullable(jobs.get(spec.name())).ifPresent(j -> j.skipped.get(SkipReasons.kindOf(reason)).increment());
  }

  @Override
  public void retryScheduled(JobSpec spec, Fire fire, int attempt) {
    Optional.ofNullable(jobs.get(spec.name())).ifPresent(j -> j.retries.increment());
  }

  @Override
  public void misfired(String job) {
    Optional.ofNullable(jobs.get(job)).ifPresent(j -> j.misfires.increment());
  }
}
