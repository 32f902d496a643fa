package dev.chime.schedule;

import dev.chime.config.JobSpec;
import dev.chime.schedule.FireTime.Dst;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A job's next fires as Quartz computes them, set against the wall-clock times its cron expression
 * asks for in its zone, so the fires daylight saving time moved, removed or doubled stand out.
 * Quartz (2.5) skips a time that falls in a spring-forward gap and fires a time that happens twice
 * once, at its later occurrence; this class does not assume that: it compares.
 */
public final class FireForecast {

  private FireForecast() {}

  /** A job's coming fires in its zone, as {@code chime next} shows them. */
  public record Forecast(String job, String cron, ZoneId timeZone, List<FireTime> fires) {}

  /** {@link #next} of a job with its name, cron and zone. */
  public static Forecast forecast(JobSpec spec, Instant from, int count) {
    return new Forecast(spec.name(), spec.cron(), spec.timeZone(), next(spec, from, count));
  }

  /** {@code count} fires after {@code from}, plus the asked-for times that never fire among them. */
  public static List<FireTime> next(JobSpec spec, Instant from, int count) {
    ZoneId zone = spec.timeZone();
    List<Instant> fires = FireTimes.next(spec, from, count + 2);
    if (fires.isEmpty()) {
      return List.of();
    }
    LocalDateTime end = LocalDateTime.ofInstant(fires.get(fires.size() - 1), zone);
    List<LocalDateTime> asked = wallClock(spec, LocalDateTime.ofInstant(from, zone), end);
    return new Merge(zone, fires, asked, count).run();
  }

  /** The local times the cron expression asks for, after {@code start} up to {@code end}. */
  static List<LocalDateTime> wallClock(JobSpec spec, LocalDateTime start, LocalDateTime end) {
    CronExpression cron;
    try {
      cron = new CronExpression(spec.cron());
    } catch (ParseException e) {
      throw new IllegalArgumentException("job '" + spec.name() + "': " + e.getMessage(), e);
    }
    cron.setTimeZone(TimeZone.getTimeZone("UTC"));
    List<LocalDateTime> times = new ArrayList<>();
    Date at = Date.from(start.toInstant(ZoneOffset.UTC));
    while ((at = cron.getNextValidTimeAfter(at)) != null) {
      LocalDateTime local = LocalDateTime.ofInstant(at.toInstant(), ZoneOffset.UTC);
      if (local.isAfter(end)) {
        break;
      }
      times.add(local);
    }
    return times;
  }

  /** Walks Quartz's fires and the asked-for times side by side. */
  private static final class Merge {
    private final ZoneId zone;
    private final ZoneRules rules;
    private final List<Instant> fires;
    private final List<LocalDateTime> asked;
    private final int count;
    private final List<FireTime> out = new ArrayList<>();
    private int i;
    private int j;
    private int fired;

    Merge(ZoneId zone, List<Instant> fires, List<LocalDateTime> asked, int count) {
      this.zone = zone;
      this.rules = zone.getRules();
      this.fires = fires;
      this.asked = asked;
      this.count = count;
    }

    List<FireTime> run() {
      while (j < fires.size() && fired < count) {
        LocalDateTime local = local(j);
        if (i < asked.size() && asked.get(i).isBefore(local)) {
          notFiredAsAsked(asked.get(i++), local);
        } else if (i < asked.size() && asked.get(i).equals(local)) {
          i++;
          firedAsAsked(local);
        } else {
          add(fires.get(j++), local, Dst.MOVED, "fires at a local time the cron does not ask for");
        }
      }
      return out;
    }

    private void notFiredAsAsked(LocalDateTime wanted, LocalDateTime local) {
      boolean firedTimeIsAsked = asked.subList(i, asked.size()).contains(local);
      if (rules.getValidOffsets(wanted).isEmpty() && !firedTimeIsAsked) {
        add(fires.get(j++), wanted, Dst.MOVED, "moved by DST gap, asked for " + wanted.toLocalTime());
      } else if (rules.getValidOffsets(wanted).isEmpty()) {
        out.add(new FireTime(java.util.Optional.empty(), wanted, Dst.REMOVED,
            "removed by DST gap: " + wanted.toLocalTime() + " does not exist on " + wanted.toLocalDate()));
      } else {
        out.add(new FireTime(java.util.Optional.empty(), wanted, Dst.REMOVED, "asked for but not fired by Quartz"));
      }
    }

    private void firedAsAsked(LocalDateTime local) {
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.size() < 2) {
        add(fires.get(j++), local, Dst.NONE, "");
        return;
      }
      String overlap = local.toLocalTime() + " happens twice on " + local.toLocalDate() + " (DST overlap): ";
      if (j + 1 < fires.size() && local(j + 1).equals(local)) {
        String note = overlap + "fires twice, at " + offsets.get(0) + " and " + offsets.get(1);
        add(fires.get(j++), local, Dst.OVERLAP_TWICE, note);
        add(fires.get(j++), local, Dst.OVERLAP_TWICE, note);
        return;
      }
      ZoneOffset offset = zone.getRules().getOffset(fires.get(j));
      String which = offset.equals(offsets.get(0)) ? "earlier" : "later";
      add(fires.get(j++), local, Dst.OVERLAP_ONCE, overlap + "fires once, at the " + which + " one (" + offset + ")");
    }

    private LocalDateTime local(int index) {
      return LocalDateTime.ofInstant(fires.get(index), zone);
    }

    private void add(Instant at, LocalDateTime askedFor, Dst dst, String note) {
      out.add(new FireTime(java.util.Optional.of(at), askedFor, dst, note));
      fired++;
    }
  }
}
