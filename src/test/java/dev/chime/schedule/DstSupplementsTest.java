package dev.chime.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chime.config.JobPolicies;
import dev.chime.config.JobPolicies.DstGap;
import dev.chime.config.JobPolicies.DstOverlap;
import dev.chime.config.JobSpec;
import dev.chime.testing.Jobs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fires a job's dst policy adds to Quartz's, at both European transitions and in a :30 zone. */
class DstSupplementsTest {

  private static JobSpec job(String cron, String zone, DstGap gap, DstOverlap overlap) {
    JobPolicies d = Jobs.DEFAULT_POLICIES;
    return Jobs.job("dst", cron, zone, new JobPolicies(d.misfire(), d.maxCatchUp(), d.overlap(), d.jitter(), d.retry(),
        d.window(), new JobPolicies.DstPolicy(gap, overlap), d.grace()));
  }

  private static List<Instant> year2026(JobSpec job) {
    return DstSupplements.between(job, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void defaultsAddNothing() {
    assertThat(year2026(job("0 30 2 * * ?", "Europe/Paris", DstGap.SKIP, DstOverlap.ONCE))).isEmpty();
  }

  @Test
  void parisGapShiftRunsAtThreeOClockAndOverlapTwiceAddsTheFirstTwoThirty() {
    assertThat(year2026(job("0 30 2 * * ?", "Europe/Paris", DstGap.SHIFT, DstOverlap.ONCE)))
        .containsExactly(Instant.parse("2026-03-29T01:00:00Z")); // 03:00+02:00
    assertThat(year2026(job("0 30 2 * * ?", "Europe/Paris", DstGap.SKIP, DstOverlap.TWICE)))
        .containsExactly(Instant.parse("2026-10-25T00:30:00Z")); // 02:30+02:00, Quartz fires 02:30+01:00
  }

  @Test
  void aJobThatFiresAtTheEndOfTheGapAnywayGetsNoShiftedFire() {
    assertThat(year2026(job("0 0/15 * * * ?", "Europe/Paris", DstGap.SHIFT, DstOverlap.ONCE))).isEmpty();
    assertThat(year2026(job("0 0/15 * * * ?", "Europe/Paris", DstGap.SKIP, DstOverlap.TWICE))).containsExactly(
        Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T00:15:00Z"),
        Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T00:45:00Z"));
  }

  @Test
  void adelaideAThirtyMinuteOffsetZone() {
    JobSpec job = job("0 30 2 * * ?", "Australia/Adelaide", DstGap.SHIFT, DstOverlap.TWICE);
    assertThat(year2026(job)).containsExactly(
        Instant.parse("2026-04-04T16:00:00Z"),  // 5 April 02:30+10:30, the first of the two
        Instant.parse("2026-10-03T16:30:00Z")); // 4 October 03:00+10:30, the end of the gap
  }

  @Test
  void nextFireTimesIncludeTheAddedFiresAndTheForecastMarksThem() {
    JobSpec job = job("0 30 2 * * ?", "Europe/Paris", DstGap.SHIFT, DstOverlap.TWICE);
    assertThat(FireTimes.next(job, Instant.parse("2026-03-27T12:00:00Z"), 3)).containsExactly(
        Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    assertThat(FireForecast.next(job, Instant.parse("2026-03-27T12:00:00Z"), 3))
        .extracting(FireTime::dst).containsExactly(FireTime.Dst.NONE, FireTime.Dst.MOVED, FireTime.Dst.NONE);
    assertThat(FireForecast.next(job, Instant.parse("2026-10-24T12:00:00Z"), 3))
        .extracting(FireTime::dst).containsExactly(FireTime.Dst.OVERLAP_TWICE, FireTime.Dst.OVERLAP_TWICE, FireTime.Dst.NONE);
  }
}
