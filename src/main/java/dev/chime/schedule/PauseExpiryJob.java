package dev.chime.schedule;

import java.time.Instant;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a {@code chime pause --until}: a system job fired by a one-shot trigger at the pause's end.
 * The clustered store hands that fire to one node, whichever is alive, so the job resumes exactly
 * once in the cluster even when the node that paused it is gone. It resumes only the pause it was
 * scheduled for: a pause replaced or resumed meanwhile is left alone.
 */
public final class PauseExpiryJob implements Job {

  static final JobKey KEY = JobKey.jobKey("pause-expiry", HistoryPurgeJob.GROUP);

  /** {@code SchedulerContext} key of chime's DataSource, put there by {@link SystemJobs#install}. */
  static final String DATA_SOURCE = "chime.data-source";

  /** Trigger data: the paused job's name, and the pause's end in epoch millis. */
  static final String JOB = "chime.job";
  static final String UNTIL = "chime.paused-until";

  private static final Logger log = LoggerFactory.getLogger(PauseExpiryJob.class);

  public PauseExpiryJob() {}

  static TriggerKey triggerKey(String job) {
    return TriggerKey.triggerKey("pause-expiry." + job, HistoryPurgeJob.GROUP);
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    String job = data.getString(JOB);
    Instant until = Instant.ofEpochMilli(Long.parseLong(data.getString(UNTIL)));
    try {
      Scheduler quartz = context.getScheduler();
      PauseStore pauses = new PauseStore((DataSource) quartz.getContext().get(DATA_SOURCE), quartz.getSchedulerName());
      Pause current = pauses.all().get(job);
      if (current == null || !current.until().equals(java.util.Optional.of(until))) {
        log.info("Pause of job '{}' until {} was resumed or replaced meanwhile; nothing to do", job, until);
        return;
      }
      Pauses.resumeSkippingMissed(quartz, TriggerKey.triggerKey(job, ClusterScheduler.GROUP), Instant.now());
      pauses.deleteExpired(job, until);
      log.info("Job '{}' resumed: its pause by {} ended at {}", job, current.by(), until);
    } catch (SchedulerException | RuntimeException e) {
      log.error("Could not end the pause of job '{}' (until {}); resume it with 'chime resume {}': {}",
          job, until, job, e.getMessage(), e);
    }
  }
}
