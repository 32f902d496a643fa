package dev.chime.schedule;

import dev.chime.config.JobSpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** A job's next fire instants, computed the way its Quartz trigger will fire them. */
public final class FireTimes {

  /** Bound on cron instants examined, so a job excluded on most dates still answers quickly. */
  private static final int MAX_LOOKED = 100_000;

  private FireTimes() {}

  /**
   * The next {@code count} fires after {@code after}: Quartz's cron fires plus those the job's DST
   * policy adds, within its window and not on excluded dates.
   */
  public static List<Instant> next(JobSpec spec, Instant after, int count) {
    List<Instant> cron = cronFires(spec, after, count);
    Instant until = cron.size() < count ? after.plus(java.time.Duration.ofDays(400)) : cron.get(cron.size() - 1);
    java.util.TreeSet<Instant> all = new java.util.TreeSet<>(cron);
    all.addAll(DstSupplements.between(spec, after, until));
    return all.stream().limit(count).toList();
  }

  private static List<Instant> cronFires(JobSpec spec, Instant after, int count) {
    CronExpression cron;
    try {
      cron = new CronExpression(spec.cron());
    } catch (ParseException e) {
      throw new IllegalArgumentException("job '" + spec.name() + "': " + e.getMessage(), e);
    }
    cron.setTimeZone(TimeZone.getTimeZone(spec.timeZone()));
    List<Instant> times = new ArrayList<>();
    Date from = Date.from(after);
    for (int looked = 0; times.size() < count && looked < MAX_LOOKED; looked++) {
      Date next = cron.getNextValidTimeAfter(from);
      if (next == null || spec.policies().window().notAfter().map(end -> next.toInstant().isAfter(end)).orElse(false)) {
        break;
      }
      if (spec.policies().window().allows(next.toInstant(), spec.timeZone())) {
        times.add(next.toInstant());
      }
      from = next;
    }
    return times;
  }
}
