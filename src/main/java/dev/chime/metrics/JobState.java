package dev.chime.metrics;

/**
 * A job's values that the store knows best (cluster-wide) but the run events know first: written by
 * the periodic store refresh and by this node's runs, read by the gauges. Timestamps are seconds
 * since the epoch; NaN when unknown.
 */
final class JobState {
  volatile double lastRun = Double.NaN;
  volatile double lastSuccess = Double.NaN;
  volatile double nextFire = Double.NaN;
  volatile double deadline = Double.NaN;
  volatile double paused;
  volatile double consecutiveFailures;
  /** The scheduled time of the latest success, which the deadline follows; null when none. */
  volatile java.time.Instant lastSuccessScheduled;

  static double seconds(java.time.Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  static double seconds(java.util.Optional<java.time.Instant> instant) {
    return instant.map(JobState::seconds).orElse(Double.NaN);
  }
}
