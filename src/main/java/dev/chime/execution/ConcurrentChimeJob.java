package dev.chime.execution;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The entry point for jobs with {@code overlap = allow}: the same as {@link ChimeJob} but without
 * {@code @DisallowConcurrentExecution}, so the store lets fires of the job run at once.
 */
public final class ConcurrentChimeJob implements Job {

  private final ChimeJob delegate;

  public ConcurrentChimeJob(JobExecutor executor) {
    this.delegate = new ChimeJob(executor);
  }

  @Override
  public void execute(JobExecutionContext context) {
    delegate.execute(context);
  }
}
