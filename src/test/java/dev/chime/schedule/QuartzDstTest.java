package dev.chime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.config.CommandSpec;
import dev.chime.config.JobSpec;
import dev.chime.schedule.FireTime.Dst;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

/**
 * Pins down what Quartz 2.5's CronTrigger does across DST transitions (its fires are what a node
 * runs), and that {@link FireForecast} marks them. Findings: a wall-clock time inside a
 * spring-forward gap is skipped, not moved; a time that happens twice fires once, at its later
 * occurrence (standard time), and the earlier occurrences of an overlap are not fired at all.
 */
class QuartzDstTest {

  private static List<String> quartzFires(String cron, String zone, String from, int count) {
    OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger()
        .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone)))
        .startAt(Date.from(Instant.parse(from))).build();
    return TriggerUtils.computeFireTimes(trigger, null, count).stream()
        .map(d -> d.toInstant().atZone(ZoneId.of(zone)).toOffsetDateTime().toString()).toList();
  }

  private static JobSpec job(String cron, String zone) {
    return dev.chime.testing.Jobs.job("dst", cron, zone);
  }

  @Test
  void parisSpringForwardSkipsTheDailyFireAtTwoThirty() {
    assertThat(quartzFires("0 30 2 * * ?", "Europe/Paris", "2026-03-28T00:00:00Z", 3))
        .containsExactly("2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00", "2026-03-31T02:30+02:00");
    assertThat(quartzFires("0 0/30 * * * ?", "Europe/Paris", "2026-03-29T00:15:00Z", 3))
        .as("02:00 and 02:30 do not exist; nothing is moved to 03:xx")
        .containsExactly("2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00");
  }

  @Test
  void parisFallBackFiresTwoThirtyOnceAtTheLaterOccurrence() {
    assertThat(quartzFires("0 30 2 * * ?", "Europe/Paris", "2026-10-24T12:00:00Z", 2))
        .containsExactly("2026-10-25T02:30+01:00", "2026-10-26T02:30+01:00");
    assertThat(quartzFires("0 0/30 * * * ?", "Europe/Paris", "2026-10-24T23:15:00Z", 4))
        .as("02:00+02:00 and 02:30+02:00 (the first occurrences) are not fired: 90 minutes without a fire")
        .containsExactly("2026-10-25T01:30+02:00", "2026-10-25T02:00+01:00", "2026-10-25T02:30+01:00",
            "2026-10-25T03:00+01:00");
  }

  @Test
  void halfHourZoneAdelaideBehavesTheSame() {
    // Adelaide is +09:30 / +10:30: 2026-10-04 02:00 -> 03:00, 2026-04-05 03:00 -> 02:00.
    assertThat(quartzFires("0 30 2 * * ?", "Australia/Adelaide", "2026-10-02T12:00:00Z", 2))
        .containsExactly("2026-10-03T02:30+09:30", "2026-10-05T02:30+10:30");
    assertThat(quartzFires("0 30 2 * * ?", "Australia/Adelaide", "2026-04-03T12:00:00Z", 3))
        .containsExactly("2026-04-04T02:30+10:30", "2026-04-05T02:30+09:30", "2026-04-06T02:30+09:30");
  }

  @Test
  void halfHourShiftLordHoweSkipsTheGapAndFiresTheOverlapOnceLate() {
    // Lord Howe shifts by 30 minutes: 2026-10-04 02:00 -> 02:30 (+10:30 -> +11:00), 2026-04-05 02:00 -> 01:30.
    assertThat(quartzFires("0 0/15 * * * ?", "Australia/Lord_Howe", "2026-10-03T15:10:00Z", 3))
        .containsExactly("2026-10-04T01:45+10:30", "2026-10-04T02:30+11:00", "2026-10-04T02:45+11:00");
    assertThat(quartzFires("0 0/15 * * * ?", "Australia/Lord_Howe", "2026-04-04T14:10:00Z", 4))
        .containsExactly("2026-04-05T01:15+11:00", "2026-04-05T01:30+10:30", "2026-04-05T01:45+10:30",
            "2026-04-05T02:00+10:30");
  }

  @Test
  void forecastMarksTheRemovedAndTheOverlappingFires() {
    List<FireTime> spring = FireForecast.next(job("0 30 2 * * ?", "Europe/Paris"), Instant.parse("2026-03-28T12:00:00Z"), 2);
    assertThat(spring).extracting(FireTime::dst).containsExactly(Dst.REMOVED, Dst.NONE, Dst.NONE);
    assertThat(spring.get(0).at()).isEmpty();
    assertThat(spring.get(0).note()).isEqualTo("removed by DST gap: 02:30 does not exist on 2026-03-29");
    assertThat(spring.get(1).at()).contains(Instant.parse("2026-03-30T00:30:00Z"));

    List<FireTime> fall = FireForecast.next(job("0 30 2 * * ?", "Europe/Paris"), Instant.parse("2026-10-24T12:00:00Z"), 2);
    assertThat(fall).extracting(FireTime::dst).containsExactly(Dst.OVERLAP_ONCE, Dst.NONE);
    assertThat(fall.get(0).note()).isEqualTo("02:30 happens twice on 2026-10-25 (DST overlap): fires once, at the later one (+01:00)");
  }

  @Test
  void forecastOfAQuarterHourlyJobAcrossLordHoweSpringForward() {
    List<FireTime> fires = FireForecast.next(job("0 0/15 * * * ?", "Australia/Lord_Howe"), Instant.parse("2026-10-03T15:10:00Z"), 3);
    assertThat(fires).extracting(f -> f.askedFor().toLocalTime().toString() + " " + f.dst())
        .containsExactly("01:45 NONE", "02:00 REMOVED", "02:15 REMOVED", "02:30 NONE", "02:45 NONE");
  }
}
