package dev.chime.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One of a job's coming fires as {@code chime next} shows it: the instant Quartz fires it (empty for a
 * wall-clock time the cron asks for that never fires), the local time the cron asked for, and what
 * daylight saving time did to it.
 */
public record FireTime(Optional<Instant> at, LocalDateTime askedFor, Dst dst, String note) {

  /** What a DST transition did to a fire. */
  public enum Dst {
    /** No transition involved. */
    NONE,
    /** The asked-for time fell in a gap and Quartz fired at another local time. */
    MOVED,
    /** The asked-for time fell in a gap and Quartz does not fire it at all. */
    REMOVED,
    /** The asked-for time happens twice (an overlap) and Quartz fires it once. */
    OVERLAP_ONCE,
    /** The asked-for time happens twice (an overlap) and Quartz fires it both times. */
    OVERLAP_TWICE
  }
}
