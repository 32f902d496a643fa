package dev.chime.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a job does about time going wrong: missed fires, a fire arriving while the previous run is
 * still going, failed attempts, and spreading its start.
 *
 * @param misfire what to do with fires missed while no node could run them
 * @param maxCatchUp with {@link Misfire#RUN_ALL}: at most this many missed fires are run
 * @param overlap what a fire does while a previous run of the job is still running in the cluster
 * @param jitter a random delay up to this after each scheduled fire time
 * @param retry further attempts of a failed fire
 * @param grace how long after its next scheduled fire a job's success may take before it is late
 */
public record JobPolicies(
    Misfire misfire, int maxCatchUp, Overlap overlap, Duration jitter, RetryPolicy retry, Window window,
    DstPolicy dst, Duration grace) {

  /**
   * Daylight-saving transitions in the job's zone. {@code gap}: a wall-clock time that does not
   * exist (spring forward) is skipped, or shifted to the first instant after the gap. {@code
   * overlap}: a wall-clock time that happens twice (fall back) fires once (at its second
   * occurrence, as Quartz does) or twice.
   */
  public record DstPolicy(DstGap gap, DstOverlap overlap) {
    public static final DstPolicy QUARTZ = new DstPolicy(DstGap.SKIP, DstOverlap.ONCE);

    /** Whether chime must add fires to what Quartz's cron trigger does on its own. */
    public boolean addsFires() {
      return gap == DstGap.SHIFT || overlap == DstOverlap.TWICE;
    }
  }

  public enum DstGap {
    SKIP,
    SHIFT
  }

  public enum DstOverlap {
    ONCE,
    TWICE
  }

  /**
   * When the job may fire at all: not before / not after these instants, and never on the
   * excluded dates (in the job's zone). Excluded fires are not misfires. {@code calendars} names
   * the {@code chime.calendars} whose dates are included in {@code excludedDates}, for display.
   */
  public record Window(
      Optional<Instant> notBefore, Optional<Instant> notAfter, SortedSet<LocalDate> excludedDates,
      List<String> calendars) {

    public static final Window ALWAYS = new Window(Optional.empty(), Optional.empty(), new TreeSet<>(), List.of());

    public Window {
      excludedDates = Collections.unmodifiableSortedSet(new TreeSet<>(excludedDates));
      calendars = List.copyOf(calendars);
    }

    /** Whether a fire at {@code at} is allowed: inside the window and not on an excluded date in {@code zone}. */
    public boolean allows(Instant at, ZoneId zone) {
      return notBefore.map(nb -> !at.isBefore(nb)).orElse(true)
          && notAfter.map(na -> !at.isAfter(na)).orElse(true)
          && !excludedDates.contains(LocalDate.ofInstant(at, zone));
    }
  }


  /** {@code run-once}: one catch-up run; {@code skip}: wait for the next time; {@code run-all}: every missed fire. */
  public enum Misfire {
    RUN_ONCE,
    SKIP,
    RUN_ALL
  }

  /** {@code forbid}: skip the fire; {@code queue}: run it right after; {@code allow}: run it concurrently. */
  public enum Overlap {
    FORBID,
    QUEUE,
    ALLOW
  }

  /**
   * Up to {@code attempts} attempts in all (1: no retry), the n-th retry waiting {@code backoff ×
   * multiplier^(n-1)}, at most {@code maxBackoff}, plus a random delay up to {@code jitter}; only
   * after an outcome listed in {@code on} ({@code failed}, {@code timed_out}).
   */
  public record RetryPolicy(
      int attempts, Duration backoff, double multiplier, Duration maxBackoff, Duration jitter, List<String> on) {

    public RetryPolicy {
      on = List.copyOf(on);
    }

    /** The wait before attempt {@code next} (2 for the first retry), jitter not included. */
    public Duration backoffBefore(int next) {
      double millis = backoff.toMillis() * Math.pow(multiplier, Math.max(0, next - 2));
      return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
  }
}
