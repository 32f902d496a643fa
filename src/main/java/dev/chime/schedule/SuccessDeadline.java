package dev.chime.schedule;

import dev.chime.config.JobSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The latest instant by which a job must have a new successful run: the first fire of its own
 * schedule (window, excluded dates and DST policy applied, as {@link FireTimes} computes them) after
 * the scheduled time of its last successful run, plus the job's {@code grace}. An hourly 08:00–20:00
 * job whose last success was the 20:00 fire is therefore not late overnight: its deadline is the
 * next day's 08:00 plus grace.
 *
 * <p>Pure: no clock, no store; every instant is given.
 */
public final class SuccessDeadline {

  private SuccessDeadline() {}

  /**
   * The deadline, or empty when none applies: a disabled job, or one with no further fire (its window
   * has closed).
   *
   * @param lastSuccess the scheduled time of the job's latest successful run, if it ever succeeded
   * @param scheduleStart when the job's schedule began (its trigger's start time): without a success,
   *     the first fire at or after it is the one that must succeed
   */
  public static Optional<Instant> of(JobSpec spec, Optional<Instant> lastSuccess, Optional<Instant> scheduleStart) {
    if (!spec.enabled()) {
      return Optional.empty();
    }
    Optional<Instant> after = lastSuccess.or(() -> scheduleStart.map(start -> start.minusMillis(1)));
    if (after.isEmpty()) {
      return Optional.empty();
    }
    List<Instant> next = FireTimes.next(spec, after.get(), 1);
    return next.stream().findFirst().map(fire -> fire.plus(spec.policies().grace()));
  }
}
