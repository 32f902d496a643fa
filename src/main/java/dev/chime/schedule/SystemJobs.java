package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.HistorySettings;
import dev.chime.store.AdvisoryLock;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Installs chime's own jobs (the history purge; the pause expiry is added by {@link JobControl} when
 * needed) in their own group, apart from the config's jobs.
 */
public final class SystemJobs {

  private SystemJobs() {}

  /**
   * Creates or updates the purge job's trigger, under the reconcile lock, and hands the system jobs
   * (the pause expiry) this node's DataSource through the scheduler context.
   */
  public static void install(ClusterScheduler scheduler, DataSource dataSource, HistorySettings history) {
    AdvisoryLock.RECONCILE.holding(dataSource, () -> {
      try {
        scheduler.quartz().getContext().put(PauseExpiryJob.DATA_SOURCE, dataSource);
        installPurge(scheduler.quartz(), history.purgeCron());
        return null;
      } catch (SchedulerException e) {
        throw new ChimeException("cannot install chime's system jobs: " + e.getMessage(), e);
      }
    });
  }

  private static void installPurge(Scheduler quartz, String cron) throws SchedulerException {
    installDaily(quartz, HistoryPurgeJob.class, HistoryPurgeJob.KEY, cron,
        "chime: delete run records past chime.history.retention");
    installDaily(quartz, DstPlanJob.class, DstPlanJob.KEY, DstPlanJob.CRON,
        "chime: keep the fires added by jobs' dst policies planned a year ahead");
  }

  /** A system job on a daily cron (UTC), created, or replaced when its cron changed. */
  private static void installDaily(Scheduler quartz, Class<? extends org.quartz.Job> type, org.quartz.JobKey jobKey,
      String cron, String description) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey(jobKey.getName(), jobKey.getGroup());
    Trigger current = quartz.getTrigger(key);
    if (current instanceof CronTrigger existing && existing.getCronExpression().equals(cron)) {
      return;
    }
    JobDetail job = JobBuilder.newJob(type).withIdentity(jobKey).withDescription(description).storeDurably().build();
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(jobKey)
        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
            .withMisfireHandlingInstructionFireAndProceed())
        .startNow().build();
    quartz.scheduleJob(job, Set.of(trigger), true);
  }
}
