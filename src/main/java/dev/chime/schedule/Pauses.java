package dev.chime.schedule;

import dev.chime.schedule.JobControl.Outcome;
import java.time.Instant;
import java.util.Date;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

/**
 * Pause and resume of one job: the trigger's PAUSED state in Quartz (cluster-wide, persisted), the
 * record of who and why in {@code chime_pause}, and the one-shot trigger that ends a timed pause.
 */
final class Pauses {

  private final Scheduler quartz;
  private final PauseStore store;

  Pauses(Scheduler quartz, PauseStore store) {
    this.quartz = quartz;
    this.store = store;
  }

  Outcome pause(String job, Pause pause) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey(job, ClusterScheduler.GROUP);
    if (!quartz.checkExists(key)) {
      return Outcome.DISABLED;
    }
    boolean was = quartz.getTriggerState(key) == Trigger.TriggerState.PAUSED;
    store.save(job, pause);
    quartz.pauseTrigger(key);
    quartz.unscheduleJob(PauseExpiryJob.triggerKey(job));
    if (pause.until().isPresent()) {
      scheduleExpiry(job, pause.until().get());
    }
    return was ? Outcome.UPDATED : Outcome.PAUSED;
  }

  Outcome resume(String job) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey(job, ClusterScheduler.GROUP);
    boolean exists = quartz.checkExists(key);
    boolean was = exists && quartz.getTriggerState(key) == Trigger.TriggerState.PAUSED;
    quartz.unscheduleJob(PauseExpiryJob.triggerKey(job));
    if (was) {
      resumeSkippingMissed(quartz, key, Instant.now());
    }
    store.delete(job);
    return !exists ? Outcome.DISABLED : was ? Outcome.RESUMED : Outcome.NOT_PAUSED;
  }

  /**
   * Resumes a paused trigger without the fires it missed while paused: Quartz would otherwise fire
   * the one that was next when it was paused (or, after the misfire threshold, one fire "now"). A
   * trigger already due is replaced by the same trigger starting now, its previous fire time kept.
   */
  static void resumeSkippingMissed(Scheduler quartz, TriggerKey key, Instant now) throws SchedulerException {
    Trigger trigger = quartz.getTrigger(key);
    if (trigger == null || trigger.getNextFireTime() == null || trigger.getNextFireTime().toInstant().isAfter(now)) {
      quartz.resumeTrigger(key);
      return;
    }
    // Quartz computes a cron trigger's first fire from one second before its start: start a second on.
    OperableTrigger fresh = (OperableTrigger) trigger.getTriggerBuilder().startAt(Date.from(now.plusSeconds(1))).build();
    fresh.setPreviousFireTime(trigger.getPreviousFireTime());
    quartz.rescheduleJob(key, fresh);
    if (quartz.getTriggerState(key) == Trigger.TriggerState.PAUSED) {
      quartz.resumeTrigger(key);
    }
  }

  private void scheduleExpiry(String job, Instant until) throws SchedulerException {
    if (!quartz.checkExists(PauseExpiryJob.KEY)) {
      quartz.addJob(JobBuilder.newJob(PauseExpiryJob.class).withIdentity(PauseExpiryJob.KEY)
          .withDescription("chime: resume a job when its 'chime pause --until' ends")
          .storeDurably().requestRecovery().build(), true);
    }
    Trigger expiry = TriggerBuilder.newTrigger()
        .withIdentity(PauseExpiryJob.triggerKey(job))
        .forJob(PauseExpiryJob.KEY)
        .usingJobData(PauseExpiryJob.JOB, job)
        .usingJobData(PauseExpiryJob.UNTIL, Long.toString(until.toEpochMilli()))
        .startAt(Date.from(until))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    quartz.scheduleJob(expiry);
  }
}
