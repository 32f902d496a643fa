package dev.chime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.config.CommandSpec;
import dev.chime.config.JobPolicies;
import dev.chime.config.JobPolicies.Misfire;
import dev.chime.config.JobPolicies.Overlap;
import dev.chime.config.JobSpec;
import dev.chime.testing.Jobs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a late fire stands for, from explicit instants: no clock, no database. */
class CatchUpTest {

  private static final Duration THRESHOLD = Duration.ofSeconds(60);

  private static JobSpec job(String cron, Misfire misfire, int maxCatchUp) {
    JobPolicies d = Jobs.DEFAULT_POLICIES;
    return Jobs.job("sync", cron, "Europe/Paris",
        new JobPolicies(misfire, maxCatchUp, Overlap.QUEUE, d.jitter(), d.retry(), d.window(), d.dst(), d.grace()));
  }

  private static Fire fire(String scheduled, String fired) {
    return Fire.scheduled(Instant.parse(scheduled), Instant.parse(fired), "f");
  }

  @Test
  void aRegularFireStaysAsItIs() {
    Fire fire = fire("2026-11-25T09:00:00Z", "2026-11-25T09:00:00.020Z");
    CatchUp.Decision d = CatchUp.classify(job("0 0 8-20 * * ?", Misfire.RUN_ONCE, 10), fire, THRESHOLD);
    assertThat(d.fire()).isEqualTo(fire);
    assertThat(d.skip()).isEmpty();
  }

  @Test
  void runOnceFireStandsForTheLatestMissedInstant() {
    // Quartz fires a misfired run-once trigger "now": 11:42:17.345 Paris time; the latest missed hourly fire is 11:00.
    CatchUp.Decision d = CatchUp.classify(job("0 0 8-20 * * ?", Misfire.RUN_ONCE, 10),
        fire("2026-11-25T10:42:17.345Z", "2026-11-25T10:42:17.400Z"), THRESHOLD);
    assertThat(d.fire().trigger()).isEqualTo(RunTrigger.CATCH_UP);
    assertThat(d.fire().scheduledAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(d.skip()).isEmpty();
  }

  @Test
  void runOnceOutsideTheWindowFindsYesterdaysLastFire() {
    // 03:10 Paris: the 08:00-20:00 job last should have fired at 20:00 the day before.
    CatchUp.Decision d = CatchUp.classify(job("0 0 8-20 * * ?", Misfire.RUN_ONCE, 10),
        fire("2026-11-25T02:10:00.500Z", "2026-11-25T02:10:00.600Z"), THRESHOLD);
    assertThat(d.fire().scheduledAt()).isEqualTo(Instant.parse("2026-11-24T19:00:00Z"));
  }

  @Test
  void runOnceOfAYearlyJobLooksBackFarEnough() {
    CatchUp.Decision d = CatchUp.classify(job("0 0 12 1 1 ?", Misfire.RUN_ONCE, 10),
        fire("2026-11-25T10:42:17.345Z", "2026-11-25T10:42:17.400Z"), THRESHOLD);
    assertThat(d.fire().scheduledAt()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
  }

  @Test
  void runAllSkipsFiresBeyondMaxCatchUpOldestFirst() {
    JobSpec job = job("0 0 12 * * ?", Misfire.RUN_ALL, 3);
    String now = "2026-11-25T12:30:00Z"; // after today's 12:00 (11:00Z) fire
    List<String> missed = List.of("2026-11-20T11:00:00Z", "2026-11-21T11:00:00Z", "2026-11-22T11:00:00Z",
        "2026-11-23T11:00:00Z", "2026-11-24T11:00:00Z", "2026-11-25T11:00:00Z");
    List<Boolean> skipped = missed.stream()
        .map(at -> CatchUp.classify(job, fire(at, now), THRESHOLD).skip().isPresent()).toList();
    assertThat(skipped).containsExactly(true, true, true, false, false, false);
    assertThat(CatchUp.classify(job, fire(missed.get(5), now), THRESHOLD).fire().trigger()).isEqualTo(RunTrigger.CATCH_UP);
  }

  @Test
  void runAllFireWithinTheThresholdIsNotACatchUp() {
    CatchUp.Decision d = CatchUp.classify(job("0 0 12 * * ?", Misfire.RUN_ALL, 3),
        fire("2026-11-25T11:00:00Z", "2026-11-25T11:00:30Z"), THRESHOLD);
    assertThat(d.fire().trigger()).isEqualTo(RunTrigger.SCHEDULE);
  }

  @Test
  void queueGivesWayToALaterFireAlreadyDue() {
    JobSpec job = job("0/2 * * * * ?", Misfire.RUN_ONCE, 10);
    assertThat(CatchUp.superseded(job, fire("2026-11-25T10:00:02Z", "2026-11-25T10:00:05Z"), Instant.parse("2026-11-25T10:00:05Z")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("2026-11-25T10:00:04Z"));
    assertThat(CatchUp.superseded(job, fire("2026-11-25T10:00:04Z", "2026-11-25T10:00:05Z"), Instant.parse("2026-11-25T10:00:05Z")))
        .isEmpty();
  }
}
