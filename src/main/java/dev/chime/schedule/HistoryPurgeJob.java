package dev.chime.schedule;

import dev.chime.history.RunPurger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * chime's own daily housekeeping, a Quartz job like any other: the clustered store hands each fire
 * to one node, so the purge runs once in the cluster, not once per node.
 */
@DisallowConcurrentExecution
public final class HistoryPurgeJob implements Job {

  static final String GROUP = "chime-system";
  static final JobKey KEY = JobKey.jobKey("history-purge", GROUP);

  private static final Logger log = LoggerFactory.getLogger(HistoryPurgeJob.class);

  private final RunPurger purger;
  private final String node;

  HistoryPurgeJob(RunPurger purger, String node) {
    this.purger = purger;
    this.node = node;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      purger.purge(context.getScheduledFireTime().toInstant(), node);
    } catch (RuntimeException e) {
      log.error("History purge failed on node {}; it runs again at its next fire: {}", node, e.getMessage(), e);
    }
  }
}
