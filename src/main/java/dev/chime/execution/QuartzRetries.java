package dev.chime.execution;

import dev.chime.ChimeException;
import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import java.util.Date;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * A retry as a one-shot Quartz trigger in group {@code chime-retry}: persisted in the clustered
 * store, so it fires on whichever node is alive at its time, even if this one is gone. Its data
 * names the scheduled fire it is another attempt of; the idempotency key stays the same.
 */
final class QuartzRetries implements Retries {

  static final String GROUP = "chime-retry";

  private final Scheduler scheduler;

  QuartzRetries(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void schedule(JobSpec spec, Fire fire, int attempt, java.time.Instant at) {
    JobDataMap data = new JobDataMap();
    data.put(ChimeJob.TRIGGER, "retry");
    data.put(ChimeJob.SCHEDULED_FOR, Long.toString(fire.scheduledAt().toEpochMilli()));
    data.put(ChimeJob.PARAMS, JobSpecJson.parametersToJson(fire.parameters()));
    fire.triggeredBy().ifPresent(by -> data.put(ChimeJob.BY, by));
    fire.requestId().ifPresent(id -> data.put(ChimeJob.REQUEST_ID, id));
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(spec.name() + "@" + fire.scheduledAt().toEpochMilli() + "#" + attempt, GROUP)
        .forJob(spec.name(), "chime")
        .usingJobData(data)
        .startAt(Date.from(at))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    try {
      scheduler.scheduleJob(trigger);
    } catch (SchedulerException e) {
      throw new ChimeException("cannot schedule attempt " + attempt + " of job '" + spec.name() + "': " + e.getMessage(), e);
    }
  }
}
