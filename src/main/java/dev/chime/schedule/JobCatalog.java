package dev.chime.schedule;

import dev.chime.ChimeException;
import dev.chime.config.JobSpec;
import dev.chime.config.JobSpecJson;
import dev.chime.execution.ChimeJob;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/** Reads chime's jobs from the store: their stored definitions and their triggers' state. */
final class JobCatalog {

  private final Scheduler quartz;

  JobCatalog(Scheduler quartz) {
    this.quartz = quartz;
  }

  /** A stored job: its definition (empty when unreadable) and the hash stored beside it. */
  record Stored(String name, Optional<JobSpec> spec, String hash) {}

  Map<String, Stored> stored() {
    Map<String, Stored> jobs = new TreeMap<>();
    try {
      for (JobKey key : quartz.getJobKeys(GroupMatcher.jobGroupEquals(ClusterScheduler.GROUP))) {
        JobDetail detail = quartz.getJobDetail(key);
        if (detail != null) {
          jobs.put(key.getName(), read(key.getName(), detail.getJobDataMap()));
        }
      }
      return jobs;
    } catch (SchedulerException e) {
      throw new ChimeException("cannot read jobs from the store: " + e.getMessage(), e);
    }
  }

  private static Stored read(String name, JobDataMap data) {
    String hash = Optional.ofNullable(data.getString(ChimeJob.SPEC_HASH)).orElse("");
    try {
      return new Stored(name, Optional.of(JobSpecJson.fromJson(data.getString(ChimeJob.SPEC))), hash);
    } catch (RuntimeException e) {
      return new Stored(name, Optional.empty(), hash);
    }
  }

  List<JobView> views() {
    return views(Map.of());
  }

  /** The jobs, each paused one with its pause record from {@code pauses} (by job name). */
  List<JobView> views(Map<String, Pause> pauses) {
    List<JobView> views = new ArrayList<>();
    for (Stored stored : stored().values()) {
      views.add(view(stored, Optional.ofNullable(pauses.get(stored.name()))));
    }
    return views;
  }

  private JobView view(Stored stored, Optional<Pause> pause) {
    Optional<JobSpec> spec = stored.spec();
    TriggerKey key = TriggerKey.triggerKey(stored.name(), ClusterScheduler.GROUP);
    try {
      Trigger trigger = quartz.getTrigger(key);
      String state = trigger == null
          ? (spec.map(JobSpec::enabled).orElse(false) ? "unscheduled" : "disabled")
          : quartz.getTriggerState(key).name().toLowerCase(java.util.Locale.ROOT);
      return new JobView(
          stored.name(),
          spec.map(JobSpec::cron).orElse("?"),
          spec.map(s -> s.timeZone().getId()).orElse("?"),
          spec.map(s -> s.kind().kind()).orElse("?"),
          spec.isPresent() ? state : "unreadable",
          instant(trigger == null ? null : trigger.getNextFireTime()),
          instant(trigger == null ? null : trigger.getPreviousFireTime()),
          spec.flatMap(JobSpec::description),
          pause.filter(p -> state.equals("paused")));
    } catch (SchedulerException e) {
      throw new ChimeException("cannot read the trigger of job '" + stored.name() + "': " + e.getMessage(), e);
    }
  }

  private static Optional<java.time.Instant> instant(Date date) {
    return Optional.ofNullable(date).map(Date::toInstant);
  }
}
