package dev.chime.schedule;

import dev.chime.execution.RunListener;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerListener;

/**
 * Tells a {@link RunListener} when Quartz finds a trigger of one of chime's jobs past the misfire
 * threshold. In the clustered store the node whose misfire handler updates the trigger reports it,
 * so each misfire is reported once in the cluster, not once per node.
 */
final class MisfireListener implements TriggerListener {

  private final RunListener listener;

  MisfireListener(RunListener listener) {
    this.listener = listener;
  }

  @Override
  public String getName() {
    return "chime-misfires";
  }

  @Override
  public void triggerMisfired(Trigger trigger) {
    if (ClusterScheduler.GROUP.equals(trigger.getJobKey().getGroup())) {
      listener.misfired(trigger.getJobKey().getName());
    }
  }

  @Override
  public void triggerFired(Trigger trigger, JobExecutionContext context) {}

  @Override
  public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
    return false;
  }

  @Override
  public void triggerComplete(
      Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction instruction) {}
}
