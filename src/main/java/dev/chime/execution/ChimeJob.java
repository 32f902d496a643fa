package dev.chime.execution;

import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's entry point for every chime job: reads the definition the store holds (not this node's
 * file), works out which scheduled fire this is — for a recovery, the original one — and hands it
 * to the {@link JobExecutor}. Concurrent runs of one job are disallowed cluster-wide by the JDBC
 * store. It never throws: Quartz would only log it, and a failing job must not look like a
 * scheduler fault.
 */
@DisallowConcurrentExecution
public final class ChimeJob implements Job {

  /** Job data key of the definition, canonical JSON (useProperties=true keeps it a string). */
  public static final String SPEC = "chime.spec";

  /** Job data key of the definition's hash, to tell changed definitions from unchanged ones. */
  public static final String SPEC_HASH = "chime.spec-hash";

  /** Trigger data key of a manual run's parameter overrides, a JSON object of strings. */
  public static final String PARAMS = "chime.params";

  /** Trigger data key of what started a fire that is not the schedule: manual, one-off, retry. */
  public static final String TRIGGER = "chime.trigger";

  /** Trigger data key of the operator who asked for a manual or one-off run. */
  public static final String BY = "chime.by";

  /** Trigger data key of a manual or one-off request's id, recorded with the run it became. */
  public static final String REQUEST_ID = "chime.request-id";

  /** Trigger data key of the scheduled fire (epoch millis) a retry is another attempt of. */
  public static final String SCHEDULED_FOR = "chime.scheduled-for";

  private static final Logger log = LoggerFactory.getLogger(ChimeJob.class);

  private final JobExecutor executor;

  public ChimeJob(JobExecutor executor) {
    this.executor = executor;
  }

  @Override
  public void execute(JobExecutionContext context) {
    String name = context.getJobDetail().getKey().getName();
    try {
      JobDataMap data = context.getMergedJobDataMap();
      JobSpec spec = JobSpecJson.fromJson(data.getString(SPEC));
      Fire fire = fire(context, data);
      // Only the job's own cron trigger can fire late: a fire that names its scheduled time (a DST
      // fire, a retry) or comes from another trigger (a one-shot) is taken as it is.
      boolean ownCron = context.getTrigger().getKey().getName().equals(spec.name())
          && context.getTrigger().getKey().getGroup().equals(context.getJobDetail().getKey().getGroup());
      CatchUp.Decision decision = data.getString(SCHEDULED_FOR) != null || !ownCron
          ? new CatchUp.Decision(fire, Optional.empty())
          : CatchUp.classify(spec, fire, executor.misfireThreshold());
      executor.execute(spec, decision.fire(), decision.skip(), new QuartzRetries(context.getScheduler()));
    } catch (RuntimeException e) {
      log.error("job '{}' could not be run or recorded (fire {}): {}", name, context.getFireInstanceId(), e.getMessage(), e);
    }
  }

  private static Fire fire(JobExecutionContext context, JobDataMap data) {
    Instant firedAt = context.getFireTime().toInstant();
    Instant scheduled = context.getScheduledFireTime().toInstant();
    RunTrigger kind = kindOf(data.getString(TRIGGER));
    if (context.isRecovering()) {
      String original = data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
      scheduled = original != null ? Instant.ofEpochMilli(Long.parseLong(original)) : scheduled;
      kind = RunTrigger.RECOVERY;
    }
    String scheduledFor = data.getString(SCHEDULED_FOR);
    if (scheduledFor != null) {
      scheduled = Instant.ofEpochMilli(Long.parseLong(scheduledFor));
    }
    String params = data.getString(PARAMS);
    return new Fire(scheduled, firedAt, context.getFireInstanceId(), kind,
        params == null ? Map.of() : JobSpecJson.parametersFromJson(params),
        Optional.ofNullable(data.getString(BY)), Optional.ofNullable(data.getString(REQUEST_ID)));
  }

  private static RunTrigger kindOf(String name) {
    return name == null ? RunTrigger.SCHEDULE : RunTrigger.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
