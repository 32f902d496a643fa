package dev.chime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.config.JobPolicies;
import dev.chime.config.JobSpec;
import dev.chime.testing.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SuccessDeadlineTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final JobSpec HOURLY_8_TO_20 = Jobs.job("order-sync", "0 0 8-20 * * ?", "Europe/Paris");

  private static Instant paris(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), PARIS).toInstant();
  }

  @Test
  void afterTheDaysLastFireTheDeadlineIsTheNextMorningsFirstFirePlusGrace() {
    Optional<Instant> deadline =
        SuccessDeadline.of(HOURLY_8_TO_20, Optional.of(paris("2026-11-25T20:00")), Optional.empty());
    // at 21:00, or at 03:00, the job is not late: its deadline is the next day's 08:00 + 15m grace
    assertThat(deadline).contains(paris("2026-11-26T08:15"));
    assertThat(deadline.get()).isAfter(paris("2026-11-26T03:00"));
  }

  @Test
  void duringTheDayTheDeadlineIsTheNextHourPlusGrace() {
    assertThat(SuccessDeadline.of(HOURLY_8_TO_20, Optional.of(paris("2026-11-25T10:00")), Optional.empty()))
        .contains(paris("2026-11-25T11:15"));
  }

  @Test
  void graceIsTheJobsOwn() {
    JobSpec spec = Jobs.job("order-sync", "0 0 8-20 * * ?", "Europe/Paris", policies(Duration.ofHours(2), JobPolicies.Window.ALWAYS));
    assertThat(SuccessDeadline.of(spec, Optional.of(paris("2026-11-25T20:00")), Optional.empty()))
        .contains(paris("2026-11-26T10:00"));
  }

  @Test
  void excludedDatesAreSkipped() {
    JobPolicies.Window window = new JobPolicies.Window(Optional.empty(), Optional.empty(),
        new TreeSet<>(List.of(LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-27"))), List.of());
    JobSpec spec = Jobs.job("order-sync", "0 0 8-20 * * ?", "Europe/Paris", policies(Duration.ofMinutes(15), window));
    assertThat(SuccessDeadline.of(spec, Optional.of(paris("2026-11-25T20:00")), Optional.empty()))
        .contains(paris("2026-11-28T08:15"));
  }

  @Test
  void withoutASuccessTheFirstFireOfTheScheduleMustSucceed() {
    assertThat(SuccessDeadline.of(HOURLY_8_TO_20, Optional.empty(), Optional.of(paris("2026-11-25T07:30"))))
        .contains(paris("2026-11-25T08:15"));
    assertThat(SuccessDeadline.of(HOURLY_8_TO_20, Optional.empty(), Optional.of(paris("2026-11-25T08:00"))))
        .as("a schedule starting on a fire time includes it").contains(paris("2026-11-25T08:15"));
    assertThat(SuccessDeadline.of(HOURLY_8_TO_20, Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void aClosedWindowOrADisabledJobHasNoDeadline() {
    JobPolicies.Window closed = new JobPolicies.Window(Optional.empty(), Optional.of(paris("2026-11-25T20:30")),
        new TreeSet<>(), List.of());
    JobSpec ending = Jobs.job("order-sync", "0 0 8-20 * * ?", "Europe/Paris", policies(Duration.ofMinutes(15), closed));
    assertThat(SuccessDeadline.of(ending, Optional.of(paris("2026-11-25T20:00")), Optional.empty())).isEmpty();
    JobSpec s = HOURLY_8_TO_20;
    JobSpec disabled = new JobSpec(s.name(), s.description(), s.cron(), s.timeZone(), false, s.timeout(), s.outputLimit(),
        s.parameters(), s.policies(), s.kind());
    assertThat(SuccessDeadline.of(disabled, Optional.of(paris("2026-11-25T20:00")), Optional.empty())).isEmpty();
  }

  private static JobPolicies policies(Duration grace, JobPolicies.Window window) {
    JobPolicies d = Jobs.DEFAULT_POLICIES;
    return new JobPolicies(d.misfire(), d.maxCatchUp(), d.overlap(), d.jitter(), d.retry(), window, d.dst(), grace);
  }
}
