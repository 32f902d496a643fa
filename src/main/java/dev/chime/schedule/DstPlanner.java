package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.JobPolicies.Misfire;
import dev.chime.config.JobSpec;
import dev.chime.execution.ChimeJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Keeps the {@link DstSupplements} of every job as one-shot triggers in group {@code chime-dst}
 * ({@code <job>@<epoch millis>}) for the coming {@link #HORIZON}: in the clustered store, so the
 * added fires run once, on any node, like the cron trigger's own. Run at each reconcile and daily.
 */
final class DstPlanner {

  static final String GROUP = "chime-dst";
  static final Duration HORIZON = Duration.ofDays(400);

  private final Scheduler quartz;

  DstPlanner(Scheduler quartz) {
    this.quartz = quartz;
  }

  /** Makes the store hold exactly the added fires of {@code specs} between now and the horizon. */
  void plan(List<JobSpec> specs, Instant now) {
    try {
      Set<TriggerKey> wanted = new HashSet<>();
      for (JobSpec spec : specs) {
        if (!Reconciler.schedulable(spec)) {
          continue;
        }
        for (Instant at : DstSupplements.between(spec, now, now.plus(HORIZON))) {
          TriggerKey key = TriggerKey.triggerKey(spec.name() + "@" + at.toEpochMilli(), GROUP);
          wanted.add(key);
          if (!quartz.checkExists(key)) {
            quartz.scheduleJob(trigger(spec, key, at));
          }
        }
      }
      for (TriggerKey key : quartz.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
        if (!wanted.contains(key)) {
          quartz.unscheduleJob(key);
        }
      }
    } catch (SchedulerException e) {
      throw new ChimeException("cannot plan the DST fires: " + e.getMessage(), e);
    }
  }

  private static Trigger trigger(JobSpec spec, TriggerKey key, Instant at) {
    JobDataMap data = new JobDataMap();
    data.put(ChimeJob.TRIGGER, "schedule");
    data.put(ChimeJob.SCHEDULED_FOR, Long.toString(at.toEpochMilli()));
    SimpleScheduleBuilder once = SimpleScheduleBuilder.simpleSchedule();
    once = spec.policies().misfire() == Misfire.SKIP
        ? once.withMisfireHandlingInstructionNextWithRemainingCount()
        : once.withMisfireHandlingInstructionFireNow();
    return TriggerBuilder.newTrigger().withIdentity(key).forJob(spec.name(), ClusterScheduler.GROUP)
        .usingJobData(data).startAt(Date.from(at)).withSchedule(once).build();
  }
}
