package dev.chime.execution;

import dev.chime.config.JobPolicies.Misfire;
import dev.chime.config.JobSpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Tells a late scheduled fire from a regular one, by the job's misfire policy, from what Quartz
 * hands over. With {@code run-once} Quartz fires a missed trigger once "now": that fire stands for
 * the latest missed cron instant, which becomes its scheduled time (so its idempotency key names
 * the fire it replaces). With {@code run-all} Quartz fires every missed instant late, each under
 * its own time; those beyond {@code max-catch-up} are skipped, oldest first.
 */
final class CatchUp {

  /**
   * How far back a catch-up looks for the cron instant it stands for: widening windows, so a
   * per-second job walks an hour at most and a yearly one finds last year's instant.
   */
  private static final List<Duration> LOOK_BACK = List.of(
      Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32), Duration.ofDays(367), Duration.ofDays(5 * 366));

  private CatchUp() {}

  /** The fire as it should run, or the reason it should not. */
  record Decision(Fire fire, Optional<String> skip) {}

  static Decision classify(JobSpec spec, Fire fire, Duration misfireThreshold) {
    if (fire.trigger() != RunTrigger.SCHEDULE) {
      return new Decision(fire, Optional.empty());
    }
    CronExpression cron = cron(spec);
    Instant at = fire.scheduledAt();
    boolean regular = at.toEpochMilli() % 1000 == 0 && cron.isSatisfiedBy(Date.from(at));
    if (spec.policies().misfire() == Misfire.RUN_ONCE && !regular) {
      return new Decision(latestInstantAtOrBefore(cron, at, spec)
          .map(missed -> fire.as(RunTrigger.CATCH_UP, missed)).orElse(fire), Optional.empty());
    }
    if (spec.policies().misfire() == Misfire.RUN_ALL && Duration.between(at, fire.firedAt()).compareTo(misfireThreshold) > 0) {
      long behind = instantsBetween(cron, at, fire.firedAt(), spec.policies().maxCatchUp());
      Optional<String> skip = behind >= spec.policies().maxCatchUp()
          ? Optional.of("missed fire beyond max-catch-up " + spec.policies().maxCatchUp()
              + ": later missed fires run instead (misfire = run-all)")
          : Optional.empty();
      return new Decision(fire.as(RunTrigger.CATCH_UP, at), skip);
    }
    return new Decision(fire, Optional.empty());
  }

  private static Optional<Instant> latestInstantAtOrBefore(CronExpression cron, Instant at, JobSpec spec) {
    Instant searched = at;
    for (Duration window : LOOK_BACK) {
      Optional<Instant> found = walk(cron, at.minus(window), searched, spec);
      if (found.isPresent()) {
        return found;
      }
      searched = at.minus(window);
    }
    return Optional.empty();
  }

  /** With overlap = queue, a late fire is superseded when the job's next fire is already due too. */
  static Optional<String> superseded(JobSpec spec, Fire fire, Instant now) {
    if (fire.trigger() != RunTrigger.SCHEDULE) {
      return Optional.empty(); // catch-ups follow the misfire policy; manual runs are asked for
    }
    Date next = cron(spec).getNextValidTimeAfter(Date.from(fire.scheduledAt()));
    return next != null && !next.toInstant().isAfter(now)
        ? Optional.of("a later fire (" + next.toInstant() + ") was already due; overlap = queue keeps one waiting")
        : Optional.empty();
  }

  /** The latest cron instant in [from, at] that the job's window allows. */
  private static Optional<Instant> walk(CronExpression cron, Instant from, Instant at, JobSpec spec) {
    Instant latest = null;
    Date next = cron.getNextValidTimeAfter(Date.from(from.minusMillis(1)));
    while (next != null && !next.toInstant().isAfter(at)) {
      if (spec.policies().window().allows(next.toInstant(), spec.timeZone())) {
        latest = next.toInstant();
      }
      next = cron.getNextValidTimeAfter(next);
    }
    return Optional.ofNullable(latest);
  }

  /** Cron instants in (from, to], counted up to {@code cap}. */
  private static long instantsBetween(CronExpression cron, Instant from, Instant to, int cap) {
    long n = 0;
    Date next = cron.getNextValidTimeAfter(Date.from(from));
    while (next != null && !next.toInstant().isAfter(to) && n < cap) {
      n++;
      next = cron.getNextValidTimeAfter(next);
    }
    return n;
  }

  private static CronExpression cron(JobSpec spec) {
    try {
      CronExpression cron = new CronExpression(spec.cron());
      cron.setTimeZone(TimeZone.getTimeZone(spec.timeZone()));
      return cron;
    } catch (ParseException e) {
      throw new IllegalStateException("stored cron of job '" + spec.name() + "' does not parse: " + e.getMessage(), e);
    }
  }
}
