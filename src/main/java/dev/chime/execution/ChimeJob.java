package dev.chime.execution;

import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import java.time.Instant;
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
      executor.execute(spec, fire(context, data));
    } catch (RuntimeException e) {
      log.error("job '{}' could not be run or recorded (fire {}): {}", name, context.getFireInstanceId(), e.getMessage(), e);
    }
  }

  private static Fire fire(JobExecutionContext context, JobDataMap data) {
    Instant firedAt = context.getFireTime().toInstant();
    if (!context.isRecovering()) {
      return new Fire(
          context.getScheduledFireTime().toInstant(), firedAt, context.getFireInstanceId(), RunTrigger.SCHEDULE,
          parameters(data));
    }
    String original = data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
    Instant scheduledAt =
        original != null
            ? Instant.ofEpochMilli(Long.parseLong(original))
            : context.getScheduledFireTime().toInstant();
    return new Fire(scheduledAt, firedAt, context.getFireInstanceId(), RunTrigger.RECOVERY, parameters(data));
  }

  private static java.util.Map<String, String> parameters(JobDataMap data) {
    String json = data.getString(PARAMS);
    return json == null ? java.util.Map.of() : JobSpecJson.parametersFromJson(json);
  }
}
