package dev.chime.schedule;

import dev.chime.config.JobPolicies.DstGap;
import dev.chime.config.JobPolicies.DstOverlap;
import dev.chime.config.JobPolicies.DstPolicy;
import dev.chime.config.JobSpec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * The fires chime adds to what Quartz's cron trigger does at daylight-saving transitions, per the
 * job's {@code dst} policy. Quartz skips a wall-clock time inside a spring-forward gap and fires a
 * time repeated at fall-back once, at its second occurrence (pinned by QuartzDstTest). So {@code
 * gap = shift} adds one fire at the transition instant (the first valid instant after the gap) when
 * the cron asked for a time inside the gap; {@code overlap = twice} adds the first occurrence of each
 * repeated time the cron asks for.
 */
public final class DstSupplements {

  private DstSupplements() {}

  /** The added fires in (from, to], in order, within the job's window. */
  public static List<Instant> between(JobSpec spec, Instant from, Instant to) {
    DstPolicy dst = spec.policies().dst();
    List<Instant> added = new ArrayList<>();
    if (!dst.addsFires()) {
      return added;
    }
    ZoneId zone = spec.timeZone();
    ZoneOffsetTransition t = zone.getRules().nextTransition(from);
    while (t != null && !t.getInstant().isAfter(to)) {
      if (t.isGap() && dst.gap() == DstGap.SHIFT) {
        shift(spec, t, added);
      } else if (t.isOverlap() && dst.overlap() == DstOverlap.TWICE) {
        for (LocalDateTime repeated : asked(spec, t.getDateTimeAfter(), t.getDateTimeBefore())) {
          added.add(repeated.toInstant(t.getOffsetBefore()));
        }
      }
      t = zone.getRules().nextTransition(t.getInstant());
    }
    added.removeIf(at -> !at.isAfter(from) || at.isAfter(to) || !spec.policies().window().allows(at, zone));
    return added;
  }

  /** One fire at the end of the gap, unless the cron fires there anyway. */
  private static void shift(JobSpec spec, ZoneOffsetTransition gap, List<Instant> added) {
    boolean askedInGap = !asked(spec, gap.getDateTimeBefore(), gap.getDateTimeAfter()).isEmpty();
    boolean firesAtEnd = FireForecast.wallClock(spec, gap.getDateTimeAfter().minusSeconds(1), gap.getDateTimeAfter())
        .contains(gap.getDateTimeAfter());
    if (askedInGap && !firesAtEnd) {
      added.add(gap.getInstant());
    }
  }

  /** Wall-clock times the cron asks for in [start, end). */
  private static List<LocalDateTime> asked(JobSpec spec, LocalDateTime start, LocalDateTime end) {
    return FireForecast.wallClock(spec, start.minusSeconds(1), end).stream().filter(t -> t.isBefore(end)).toList();
  }
}
