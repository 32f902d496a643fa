package dev.chime.schedule;

import dev.chime.config.JobSpec;
import java.util.List;
import java.util.Optional;

/** What reconciling a config into the store changes, job by job. */
public record Plan(List<JobChange> changes) {

  public Plan {
    changes = List.copyOf(changes);
  }

  /** True when applying the plan would change nothing. */
  public boolean isEmpty() {
    return changes.stream().allMatch(c -> c.type() == ChangeType.UNCHANGED);
  }

  public List<JobChange> ofType(ChangeType type) {
    return changes.stream().filter(c -> c.type() == type).toList();
  }

  public enum ChangeType {
    ADDED,
    CHANGED,
    REMOVED,
    UNCHANGED
  }

  /** One job's change; {@code before} is empty for an added job or an unreadable stored one. */
  public record JobChange(
      String name,
      ChangeType type,
      Optional<JobSpec> before,
      Optional<JobSpec> after,
      List<FieldChange> fields) {

    /** Whether the trigger must be rebuilt (the schedule itself changed), not just the job data. */
    public boolean scheduleChanged() {
      if (before.isEmpty() || after.isEmpty()) {
        return true;
      }
      JobSpec b = before.get();
      JobSpec a = after.get();
      return !b.cron().equals(a.cron()) || !b.timeZone().equals(a.timeZone()) || b.enabled() != a.enabled()
          || b.policies().misfire() != a.policies().misfire()
          || !b.policies().window().notBefore().equals(a.policies().window().notBefore())
          || !b.policies().window().notAfter().equals(a.policies().window().notAfter());
    }
  }

  /** A field whose value differs; {@code null} on one side means absent there. */
  public record FieldChange(String field, String before, String after) {}
}
