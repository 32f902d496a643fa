package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.JobPolicies;
import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import dev.chime.execution.ChimeJob;
import dev.chime.execution.ConcurrentChimeJob;
import dev.chime.store.AdvisoryLock;
import dev.chime.schedule.Plan.ChangeType;
import dev.chime.schedule.Plan.FieldChange;
import dev.chime.schedule.Plan.JobChange;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the store hold exactly the config's jobs: creates the missing, updates the changed (by
 * definition hash), deletes those that left the config — only in chime's Quartz group. An unchanged
 * job is not touched, so it keeps its trigger, next fire time and paused state. Reconciles are
 * serialised cluster-wide by a PostgreSQL advisory lock, so nodes starting together converge on one
 * job and one trigger per definition.
 */
public final class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Scheduler quartz;
  private final DataSource dataSource;

  public Reconciler(ClusterScheduler scheduler, DataSource dataSource) {
    this.quartz = scheduler.quartz();
    this.dataSource = dataSource;
  }

  /** What {@link #reconcile} would change now; changes nothing. */
  public Plan plan(List<JobSpec> specs) {
    Map<String, JobCatalog.Stored> stored = new JobCatalog(quartz).stored();
    List<JobChange> changes = new ArrayList<>();
    for (JobSpec spec : specs) {
      JobCatalog.Stored current = stored.remove(spec.name());
      changes.add(compare(spec, current));
    }
    for (JobCatalog.Stored gone : stored.values()) {
      changes.add(new JobChange(gone.name(), ChangeType.REMOVED, gone.spec(), Optional.empty(), List.of()));
    }
    return new Plan(changes);
  }

  private static JobChange compare(JobSpec spec, JobCatalog.Stored current) {
    if (current == null) {
      return new JobChange(spec.name(), ChangeType.ADDED, Optional.empty(), Optional.of(spec), List.of());
    }
    if (current.hash().equals(JobSpecJson.hash(spec)) && current.spec().isPresent()) {
      return new JobChange(spec.name(), ChangeType.UNCHANGED, current.spec(), Optional.of(spec), List.of());
    }
    return new JobChange(
        spec.name(), ChangeType.CHANGED, current.spec(), Optional.of(spec), fieldChanges(current.spec(), spec));
  }

  private static List<FieldChange> fieldChanges(Optional<JobSpec> before, JobSpec after) {
    Map<String, String> b = before.map(JobSpecJson::fields).orElse(Map.of());
    Map<String, String> a = JobSpecJson.fields(after);
    TreeSet<String> names = new TreeSet<>(b.keySet());
    names.addAll(a.keySet());
    List<FieldChange> changes = new ArrayList<>();
    for (String name : names) {
      if (!java.util.Objects.equals(b.get(name), a.get(name))) {
        changes.add(new FieldChange(name, b.get(name), a.get(name)));
      }
    }
    return changes;
  }

  /** Applies the config to the store under the cluster-wide lock; returns what it changed. */
  public Plan reconcile(List<JobSpec> specs) {
    return AdvisoryLock.RECONCILE.holding(dataSource, () -> {
      Plan plan = plan(specs);
      plan.changes().forEach(this::apply);
      new DstPlanner(quartz).plan(specs, Instant.now());
      return plan;
    });
  }

  private void apply(JobChange change) {
    try {
      switch (change.type()) {
        case ADDED -> add(change.after().orElseThrow());
        case CHANGED -> update(change);
        case REMOVED -> quartz.deleteJob(JobKey.jobKey(change.name(), ClusterScheduler.GROUP));
        case UNCHANGED -> { }
      }
      if (change.type() != ChangeType.UNCHANGED) {
        log.info("Reconcile: job '{}' {}", change.name(), change.type().name().toLowerCase(java.util.Locale.ROOT));
      }
    } catch (SchedulerException e) {
      throw new ChimeException("cannot apply job '" + change.name() + "' to the store: " + e.getMessage(), e);
    }
  }

  /** Enabled, and its window not over: a job that gets a trigger. */
  static boolean schedulable(JobSpec spec) {
    return spec.enabled() && spec.policies().window().notAfter().map(end -> end.isAfter(Instant.now())).orElse(true);
  }

  private void add(JobSpec spec) throws SchedulerException {
    if (schedulable(spec)) {
      quartz.scheduleJob(jobDetail(spec), java.util.Set.of(trigger(spec)), true);
    } else {
      quartz.addJob(jobDetail(spec), true);
    }
  }

  private void update(JobChange change) throws SchedulerException {
    JobSpec spec = change.after().orElseThrow();
    quartz.addJob(jobDetail(spec), true);
    if (!change.scheduleChanged()) {
      return;
    }
    TriggerKey key = TriggerKey.triggerKey(spec.name(), ClusterScheduler.GROUP);
    boolean exists = quartz.checkExists(key);
    if (!schedulable(spec)) {
      quartz.unscheduleJob(key);
    } else if (exists) {
      boolean paused = quartz.getTriggerState(key) == Trigger.TriggerState.PAUSED;
      // The new trigger keeps the old one's data: an operator's pause note lives there.
      Trigger replacement = trigger(spec).getTriggerBuilder().usingJobData(quartz.getTrigger(key).getJobDataMap()).build();
      quartz.rescheduleJob(key, replacement);
      if (paused) {
        quartz.pauseTrigger(key);
      }
    } else {
      quartz.scheduleJob(trigger(spec));
    }
  }

  static JobDetail jobDetail(JobSpec spec) {
    Class<? extends org.quartz.Job> type =
        spec.policies().overlap() == JobPolicies.Overlap.ALLOW ? ConcurrentChimeJob.class : ChimeJob.class;
    return JobBuilder.newJob(type)
        .withIdentity(spec.name(), ClusterScheduler.GROUP)
        .withDescription(spec.description().orElse(null))
        .storeDurably()
        .requestRecovery()
        .usingJobData(ChimeJob.SPEC, JobSpecJson.toJson(spec))
        .usingJobData(ChimeJob.SPEC_HASH, JobSpecJson.hash(spec))
        .build();
  }

  static Trigger trigger(JobSpec spec) {
    CronScheduleBuilder schedule =
        CronScheduleBuilder.cronSchedule(spec.cron()).inTimeZone(TimeZone.getTimeZone(spec.timeZone()));
    schedule = switch (spec.policies().misfire()) {
      case RUN_ONCE -> schedule.withMisfireHandlingInstructionFireAndProceed();
      case SKIP -> schedule.withMisfireHandlingInstructionDoNothing();
      case RUN_ALL -> schedule.withMisfireHandlingInstructionIgnoreMisfires();
    };
    JobPolicies.Window window = spec.policies().window();
    Instant now = Instant.now();
    Instant start = window.notBefore().filter(nb -> nb.isAfter(now)).orElse(now);
    return TriggerBuilder.newTrigger()
        .withIdentity(spec.name(), ClusterScheduler.GROUP)
        .forJob(spec.name(), ClusterScheduler.GROUP)
        .withSchedule(schedule)
        .startAt(Date.from(start))
        .endAt(window.notAfter().map(Date::from).orElse(null))
        .build();
  }
}
