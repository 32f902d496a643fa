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

  private FireTimes() {}

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
    for (int i = 0; i < count; i++) {
      Date next = cron.getNextValidTimeAfter(from);
      if (next == null) {
        break;
      }
      times.add(next.toInstant());
      from = next;
    }
    return times;
  }
}
