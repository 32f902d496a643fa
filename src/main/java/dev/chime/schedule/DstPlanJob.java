package dev.chime.schedule;

import dev.chime.config.JobSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Daily, once in the cluster: rolls the DST fires' horizon forward from the store's definitions. */
@DisallowConcurrentExecution
public final class DstPlanJob implements Job {

  static final JobKey KEY = JobKey.jobKey("dst-plan", HistoryPurgeJob.GROUP);
  static final String CRON = "0 41 3 * * ?";

  private static final Logger log = LoggerFactory.getLogger(DstPlanJob.class);

  @Override
  public void execute(JobExecutionContext context) {
    try {
      List<JobSpec> specs = new JobCatalog(context.getScheduler()).stored().values().stream()
          .map(JobCatalog.Stored::spec).flatMap(Optional::stream).toList();
      new DstPlanner(context.getScheduler()).plan(specs, Instant.now());
    } catch (RuntimeException e) {
      log.error("DST planning failed; it runs again tomorrow and at the next reconcile: {}", e.getMessage(), e);
    }
  }
}
