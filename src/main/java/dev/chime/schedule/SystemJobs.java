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
        throw new ChimeException("cannot install the history purge job: " + e.getMessage(), e);
      }
    });
  }

  private static void installPurge(Scheduler quartz, String cron) throws SchedulerException {
    TriggerKey key = TriggerKey.triggerKey(HistoryPurgeJob.KEY.getName(), HistoryPurgeJob.GROUP);
    Trigger current = quartz.getTrigger(key);
    if (current instanceof CronTrigger existing && existing.getCronExpression().equals(cron)) {
      return;
    }
    JobDetail job = JobBuilder.newJob(HistoryPurgeJob.class).withIdentity(HistoryPurgeJob.KEY)
        .withDescription("chime: delete run records past chime.history.retention").storeDurably().build();
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(HistoryPurgeJob.KEY)
        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
            .withMisfireHandlingInstructionFireAndProceed())
        .startNow().build();
    quartz.scheduleJob(job, Set.of(trigger), true);
  }
}
