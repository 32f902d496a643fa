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

  /** The next {@code count} fires after {@code after} that the job's window and exclusions allow. */
  public static List<Instant> next(JobSpec spec, Instant after, int count) {
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
